using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Parsing;

/// <summary>What the parser produces: the tree and the root references, in order of column.</summary>
internal sealed record ParseResult(ExpressionNode Root, IReadOnlyList<ExpressionReference> References);
