namespace McpPlaybooks.Engine.Documents;

/// <summary>One source line of a multi-line scalar: where its content starts, and how long it is (0 for a blank line).</summary>
public readonly record struct ScalarSegment(SourceLocation Start, int Length);
