using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>
/// A <c>playbook</c> step or call whose child is written in the playbook (a literal <c>id</c>, and a literal
/// <c>version</c> or none): <paramref name="Where"/> names it, <paramref name="Node"/> is its <c>with.id</c>, and
/// <paramref name="Conditional"/> says whether it may not run (a <c>when:</c>, or a rollback, which runs only on failure).
/// </summary>
internal sealed record ChildReference(string Id, string? Version, string Where, DocumentNode Node, bool Conditional)
{
    /// <summary>Every child reference of <paramref name="playbook"/> known from its text; templated ones are left out.</summary>
    public static IEnumerable<ChildReference> Of(PlaybookDefinition playbook)
    {
        foreach (var step in playbook.Steps)
        {
            var where = $"step '{step.Id}'";
            if (From(step.Action, step.With, where, step.When is not null) is { } reference)
            {
                yield return reference;
            }

            foreach (var call in step.Rollback)
            {
                if (From(call, $"a rollback of {where}", conditional: true) is { } rollback)
                {
                    yield return rollback;
                }
            }

            foreach (var call in step.Verify)
            {
                if (From(call, $"a verify of {where}", conditional: false) is { } verify)
                {
                    yield return verify;
                }
            }
        }

        foreach (var call in playbook.Finally)
        {
            if (From(call, "a finally entry", conditional: false) is { } final)
            {
                yield return final;
            }
        }
    }

    private static ChildReference? From(ActionCallDefinition call, string where, bool conditional) =>
        From(call.Action, call.With, call.Id is null ? where : $"{where} ('{call.Id}')", conditional || call.When is not null);

    private static ChildReference? From(string action, ObjectTemplate with, string where, bool conditional)
    {
        if (action != "playbook" || Literal(with["id"]) is not { Length: > 0 } id)
        {
            return null;
        }

        var version = with["version"];
        if (version is not null && Literal(version) is null)
        {
            return null;
        }

        return new ChildReference(id, version is null ? null : Literal(version), where, with["id"]!.Node, conditional);
    }

    private static string? Literal(ValueTemplate? template) =>
        template is LiteralTemplate { Value.Kind: ValueKind.String } literal ? literal.Value.AsString() : null;
}
