using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History;

/// <summary>The last lines of an execution's log, oldest first, and how many lines the log has in all.</summary>
public sealed record LogTail(IReadOnlyList<ExecutionLogRecord> Entries, long Total);
