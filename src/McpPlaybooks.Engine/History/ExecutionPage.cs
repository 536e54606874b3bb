using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History;

/// <summary>Executions and the cursor of the next page (null when this is the last).</summary>
public sealed record ExecutionPage(IReadOnlyList<ExecutionRecord> Executions, string? NextCursor);
