namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>
/// What <c>/ui/api/executions/{id}/logs</c> answers: lines oldest first, the cursor to ask from next time (<c>after</c>),
/// the log's size in all on a first read (the page shows only the last lines), and whether more lines wait past these.
/// </summary>
internal sealed record ExecutionLogLines(IReadOnlyList<LogLineView> Entries, long Cursor, long? Total, bool More);
