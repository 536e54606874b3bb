using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>Whether a template or a condition reads the <c>steps</c> root: what a dry run cannot know.</summary>
internal static class UpstreamReferences
{
    public static bool ReadsSteps(BareExpression expression) => ReadsSteps(expression.Expression);

    public static bool ReadsSteps(ValueTemplate template) =>
        template.DescendantsAndSelf().Any(t => t switch
        {
            ExpressionTemplate e => ReadsSteps(e.Expression),
            StringTemplate s => s.Template.Expressions.Any(x => ReadsSteps(x.Expression)),
            _ => false,
        });

    private static bool ReadsSteps(Expression expression) => expression.References.Any(r => r.Root == "steps");
}
