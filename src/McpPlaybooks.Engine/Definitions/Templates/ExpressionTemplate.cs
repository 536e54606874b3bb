using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions.Templates;

/// <summary>A bare expression, as <c>assert</c>'s <c>that</c> takes: the whole string is the expression.</summary>
public sealed class ExpressionTemplate(ScalarNode node, Expression expression) : ValueTemplate(node)
{
    public Expression Expression { get; } = expression;

    public ScalarNode Scalar { get; } = node;

    public override bool IsLiteral => false;

    public override Value Render(IExpressionScope scope) => Expression.Evaluate(scope);
}
