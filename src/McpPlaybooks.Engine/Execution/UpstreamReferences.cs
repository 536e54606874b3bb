using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>What a template or a condition reads: the <c>steps</c> root (what a dry run cannot know), the secrets it names.</summary>
internal static class UpstreamReferences
{
    public static bool ReadsSteps(BareExpression expression) => ReadsSteps(expression.Expression);

    public static bool ReadsSteps(ValueTemplate template) => Of(template).Any(r => r.Root == "steps");

    /// <summary>Every reference a template makes, in every expression it holds.</summary>
    public static IEnumerable<ExpressionReference> Of(ValueTemplate template) =>
        template.DescendantsAndSelf().SelectMany(t => t switch
        {
            ExpressionTemplate e => e.Expression.References,
            StringTemplate s => s.Template.Expressions.SelectMany(x => x.Expression.References),
            _ => [],
        });

    /// <summary>The names of the secrets that these references read (<c>secrets.NAME</c>), in order, once each.</summary>
    public static IEnumerable<string> SecretNames(IEnumerable<ExpressionReference> references) =>
        references.Where(r => r.Root == "secrets" && r.Path.Count > 0).Select(r => r.Path[0]).Distinct(StringComparer.Ordinal);

    private static bool ReadsSteps(Expression expression) => expression.References.Any(r => r.Root == "steps");
}
