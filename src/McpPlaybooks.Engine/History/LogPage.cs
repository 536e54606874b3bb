using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History;

/// <summary>Log lines and the cursor of the next page (null when there is none yet).</summary>
public sealed record LogPage(IReadOnlyList<ExecutionLogRecord> Entries, long? NextCursor);
