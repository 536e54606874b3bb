using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions.Templates;

/// <summary>A scalar with no expression in it: it renders to itself.</summary>
public sealed class LiteralTemplate(DocumentNode node, Value value) : ValueTemplate(node)
{
    public Value Value { get; } = value;

    public override bool IsLiteral => true;

    public override Value Render(IExpressionScope scope) => Value;
}
