namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// A reference to a root: <c>steps.check.output.status</c> is root <c>steps</c> with path
/// <c>[check, output, status]</c>. The path holds the constant property names and indexes that follow the
/// root (a number index as its invariant text, such as <c>0</c>) and stops before the first dynamic index.
/// </summary>
/// <param name="Root">The root identifier, such as <c>inputs</c>.</param>
/// <param name="Path">The constant path after the root; empty for a bare root such as <c>item</c>.</param>
/// <param name="Column">The 1-based column, within the expression's text, of the root identifier.</param>
public sealed record ExpressionReference(string Root, IReadOnlyList<string> Path, int Column);
