using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>An expression written bare (<c>when</c>, <c>foreach</c>), with the scalar it came from.</summary>
public sealed record BareExpression(Expression Expression, ScalarNode Node);
