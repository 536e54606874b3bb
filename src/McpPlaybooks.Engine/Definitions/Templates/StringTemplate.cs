using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions.Templates;

/// <summary>A string with one or more <c>{{ expr }}</c>; a string that is only one of them keeps the value's type.</summary>
public sealed class StringTemplate(ScalarNode node, Template template) : ValueTemplate(node)
{
    public Template Template { get; } = template;

    public ScalarNode Scalar { get; } = node;

    public override bool IsLiteral => false;

    public override Value Render(IExpressionScope scope) => Template.Render(scope);
}
