using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>
/// Every expression refers only to what exists where it stands: declared inputs and variables, and
/// steps upstream of it in the DAG (any step from <c>finally</c> and <c>outputs</c>).
/// </summary>
internal static class ReferenceRule
{
    public static readonly IReadOnlyList<string> Roots = ["inputs", "vars", "steps", "incident", "item", "index", "playbook", "execution", "secrets"];

    private static readonly IReadOnlyList<string> StepFields = ["output", "status", "error", "attempts"];

    public static void Check(ValidationContext context)
    {
        var playbook = context.Playbook;
        var none = new HashSet<string>(StringComparer.Ordinal);
        var earlier = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in playbook.Variables)
        {
            CheckTemplate(context, value, new ReferenceScope($"variable '{name}'", none, new HashSet<string>(earlier), InLoop: false));
            earlier.Add(name);
        }

        foreach (var step in playbook.Steps)
        {
            var upstream = context.Upstream.GetValueOrDefault(step.Id) ?? none;
            var place = $"step '{step.Id}'";
            var outer = new ReferenceScope(place, upstream, null, InLoop: false);
            var inner = outer with { InLoop = step.Foreach is not null };
            CheckBare(context, step.When, outer);
            CheckBare(context, step.Foreach?.Expression, outer);
            if (step.Foreach?.Items is { } items)
            {
                CheckTemplate(context, items, outer);
            }

            CheckTemplate(context, step.With, inner);
            if (step.Approval?.Message is { } message)
            {
                CheckTemplate(context, message, inner);
            }

            var withSelf = new HashSet<string>(upstream, StringComparer.Ordinal) { step.Id };
            foreach (var call in step.Rollback.Concat(step.Verify))
            {
                var scope = inner with { Place = $"{place} ({call.Action})", Steps = withSelf };
                CheckBare(context, call.When, scope);
                CheckTemplate(context, call.With, scope);
            }
        }

        var anywhere = new ReferenceScope("finally", null, null, InLoop: false);
        foreach (var call in playbook.Finally)
        {
            CheckBare(context, call.When, anywhere);
            CheckTemplate(context, call.With, anywhere);
        }

        foreach (var (name, value) in playbook.Outputs)
        {
            CheckTemplate(context, value, anywhere with { Place = $"output '{name}'" });
        }
    }

    /// <summary>Every reference in a playbook, with where it stands, for lints that look at usage.</summary>
    public static IEnumerable<ExpressionReference> AllReferences(PlaybookDefinition playbook)
    {
        IEnumerable<ValueTemplate> templates = playbook.Variables.Select(v => v.Value)
            .Concat(playbook.Outputs.Select(o => o.Value))
            .Concat(playbook.Steps.SelectMany(s => new ValueTemplate?[] { s.With, s.Approval?.Message, s.Foreach?.Items }.OfType<ValueTemplate>()))
            .Concat(playbook.Steps.SelectMany(s => s.Rollback.Concat(s.Verify)).Concat(playbook.Finally).Select(c => (ValueTemplate)c.With));
        var bare = playbook.Steps.SelectMany(s => new[] { s.When, s.Foreach?.Expression })
            .Concat(playbook.Steps.SelectMany(s => s.Rollback.Concat(s.Verify)).Concat(playbook.Finally).Select(c => c.When))
            .OfType<BareExpression>()
            .SelectMany(b => b.Expression.References);
        return templates.SelectMany(t => t.DescendantsAndSelf()).SelectMany(ExpressionsOf).SelectMany(e => e.Expression.References).Concat(bare);
    }

    private static IEnumerable<(Expression Expression, int Offset, ScalarNode Node)> ExpressionsOf(ValueTemplate template) => template switch
    {
        StringTemplate s => s.Template.Expressions.Select(e => (e.Expression, e.Offset, s.Scalar)),
        ExpressionTemplate e => [(e.Expression, Math.Max(0, e.Scalar.Text.IndexOf(e.Expression.Text, StringComparison.Ordinal)), e.Scalar)],
        _ => [],
    };

    private static void CheckTemplate(ValidationContext context, ValueTemplate template, ReferenceScope scope)
    {
        foreach (var (expression, offset, node) in template.DescendantsAndSelf().SelectMany(ExpressionsOf))
        {
            CheckExpression(context, expression, offset, node, scope);
        }
    }

    private static void CheckBare(ValidationContext context, BareExpression? bare, ReferenceScope scope)
    {
        if (bare is not null)
        {
            var offset = Math.Max(0, bare.Node.Text.IndexOf(bare.Expression.Text, StringComparison.Ordinal));
            CheckExpression(context, bare.Expression, offset, bare.Node, scope);
        }
    }

    private static void CheckExpression(ValidationContext context, Expression expression, int offset, ScalarNode node, ReferenceScope scope)
    {
        foreach (var reference in expression.References)
        {
            var location = node.LocationOf(offset + reference.Column - 1);
            var problem = new ReferenceCheck(context, scope, reference).Problem();
            if (problem is { } p)
            {
                context.Add(Problems.Error(p.Code, p.Message, location, node.Path, p.Fix));
            }
        }
    }

    internal static IReadOnlyList<string> StepFieldNames => StepFields;
}
