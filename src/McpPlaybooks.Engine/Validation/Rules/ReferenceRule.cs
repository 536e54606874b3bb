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

    public static readonly IReadOnlyList<string> StepFields = ["output", "status", "error", "attempts"];

    public static void Check(ValidationContext context)
    {
        foreach (var site in Sites(context))
        {
            foreach (var reference in site.Expression.References)
            {
                if (new ReferenceCheck(context, site.Scope, reference).Problem() is { } p)
                {
                    var location = site.Node.LocationOf(site.Offset + reference.Column - 1);
                    context.Add(Problems.Error(p.Code, p.Message, location, site.Node.Path, p.Fix));
                }
            }
        }
    }

    /// <summary>Every reference in the playbook, for lints that look at usage.</summary>
    public static IEnumerable<ExpressionReference> AllReferences(ValidationContext context) =>
        Sites(context).SelectMany(site => site.Expression.References);

    /// <summary>Every expression of the playbook, each with the scope of the place it stands in.</summary>
    internal static IEnumerable<ExpressionSite> Sites(ValidationContext context)
    {
        var playbook = context.Playbook;
        var none = new HashSet<string>(StringComparer.Ordinal);
        var earlier = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in playbook.Variables)
        {
            var scope = new ReferenceScope($"variable '{name}'", none, new HashSet<string>(earlier), InLoop: false);
            foreach (var site in InTemplate(value, scope))
            {
                yield return site;
            }

            earlier.Add(name);
        }

        foreach (var step in playbook.Steps)
        {
            var upstream = context.Upstream.GetValueOrDefault(step.Id) ?? none;
            var place = $"step '{step.Id}'";
            var outer = new ReferenceScope(place, upstream, null, InLoop: false);
            var inner = outer with { InLoop = step.Foreach is not null };
            var withSelf = new HashSet<string>(upstream, StringComparer.Ordinal) { step.Id };
            var sites = InBare(step.When, outer)
                .Concat(InBare(step.Foreach?.Expression, outer))
                .Concat(InTemplate(step.Foreach?.Items, outer))
                .Concat(InTemplate(step.With, inner))
                .Concat(InTemplate(step.Approval?.Message, inner))
                .Concat(step.Rollback.Concat(step.Verify).SelectMany(call =>
                    InCall(call, inner with { Place = $"{place} ({call.Action})", Steps = withSelf })));
            foreach (var site in sites)
            {
                yield return site;
            }
        }

        var anywhere = new ReferenceScope("finally", null, null, InLoop: false);
        var last = playbook.Finally.SelectMany(call => InCall(call, anywhere))
            .Concat(playbook.Outputs.SelectMany(o => InTemplate(o.Value, anywhere with { Place = $"output '{o.Key}'" })));
        foreach (var site in last)
        {
            yield return site;
        }
    }

    private static IEnumerable<ExpressionSite> InCall(ActionCallDefinition call, ReferenceScope scope) =>
        InBare(call.When, scope).Concat(InTemplate(call.With, scope));

    private static IEnumerable<ExpressionSite> InTemplate(ValueTemplate? template, ReferenceScope scope) =>
        template is null ? [] : template.DescendantsAndSelf().SelectMany(t => t switch
        {
            StringTemplate s => s.Template.Expressions.Select(e => new ExpressionSite(e.Expression, e.Offset, s.Scalar, scope)),
            ExpressionTemplate e => [Bare(e.Expression, e.Scalar, scope)],
            _ => [],
        });

    private static IEnumerable<ExpressionSite> InBare(BareExpression? bare, ReferenceScope scope) =>
        bare is null ? [] : [Bare(bare.Expression, bare.Node, scope)];

    /// <summary>A bare expression may have been written inside <c>{{ }}</c>: its offset is where its text starts.</summary>
    private static ExpressionSite Bare(Expression expression, ScalarNode node, ReferenceScope scope) =>
        new(expression, Math.Max(0, node.Text.IndexOf(expression.Text, StringComparison.Ordinal)), node, scope);
}
