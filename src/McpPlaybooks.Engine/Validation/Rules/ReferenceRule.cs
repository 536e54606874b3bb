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
        var sites = Sites(context).ToList();
        var upstream = new UpstreamIndex(context.Graph, StepQuestions(context, sites));
        foreach (var site in sites)
        {
            foreach (var reference in site.Expression.References)
            {
                if (new ReferenceCheck(context, upstream, site.Scope, reference).Problem() is { } p)
                {
                    var location = site.Node.LocationOf(site.Offset + reference.Column - 1);
                    context.Add(Problems.Error(p.Code, p.Message, location, site.Node.Path, p.Fix));
                }
            }
        }
    }

    /// <summary>The (reading step, step read) pairs whose answer depends on the graph, to answer them in one batch.</summary>
    private static IEnumerable<(int Step, int Target)> StepQuestions(ValidationContext context, List<ExpressionSite> sites) =>
        from site in sites
        where site.Scope.Step >= 0
        from reference in site.Expression.References
        where reference.Root == "steps" && reference.Path.Count > 0
        select (site.Scope.Step!.Value, context.Graph.IndexOf(reference.Path[0]));

    /// <summary>Every reference in the playbook, for lints that look at usage.</summary>
    public static IEnumerable<ExpressionReference> AllReferences(ValidationContext context) =>
        Sites(context).SelectMany(site => site.Expression.References);

    /// <summary>Every expression of the playbook, each with the scope of the place it stands in.</summary>
    internal static IEnumerable<ExpressionSite> Sites(ValidationContext context)
    {
        var playbook = context.Playbook;
        for (var i = 0; i < playbook.Variables.Count; i++)
        {
            var (name, value) = playbook.Variables[i];
            var scope = new ReferenceScope($"variable '{name}'", Step: -1, ReadsItself: false, VariablesBefore: i, InLoop: false);
            foreach (var site in InTemplate(value, scope))
            {
                yield return site;
            }
        }

        foreach (var step in playbook.Steps)
        {
            var place = $"step '{step.Id}'";
            var outer = new ReferenceScope(place, context.Graph.IndexOf(step.Id), ReadsItself: false, VariablesBefore: null, InLoop: false);
            var inner = outer with { InLoop = step.Foreach is not null };
            var sites = InBare(step.When, outer)
                .Concat(InBare(step.Foreach?.Expression, outer))
                .Concat(InTemplate(step.Foreach?.Items, outer))
                .Concat(InTemplate(step.With, inner))
                .Concat(InTemplate(step.Approval?.Message, inner))
                .Concat(InTemplate(step.Approval?.Notify?.Webhook, inner))
                .Concat(InTemplate(step.Approval?.Notify?.Text, inner))
                .Concat(step.Rollback.Concat(step.Verify).SelectMany(call =>
                    InCall(call, inner with { Place = $"{place} ({call.Action})", ReadsItself = true })));
            foreach (var site in sites)
            {
                yield return site;
            }
        }

        var anywhere = new ReferenceScope("finally", Step: null, ReadsItself: false, VariablesBefore: null, InLoop: false);
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
