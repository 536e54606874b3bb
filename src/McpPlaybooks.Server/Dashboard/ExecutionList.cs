namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// What <c>/ui/api/executions</c> answers: the executions waiting for a person (first page only, shown first), one page of
/// the others, newest first, and the cursor of the next page (null on the last).
/// </summary>
internal sealed record ExecutionList(IReadOnlyList<ExecutionSummary> Waiting, IReadOnlyList<ExecutionSummary> Executions, string? NextCursor);
