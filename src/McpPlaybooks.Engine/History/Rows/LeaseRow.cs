namespace McpPlaybooks.Engine.History.Rows;

/// <summary>The parameters of a lease operation (<see cref="LeaseStatements"/>); times in unix milliseconds.</summary>
internal sealed class LeaseRow
{
    public string ExecutionId { get; init; } = "";

    public string OwnerId { get; init; } = "";

    public long LeaseUntil { get; init; }

    public long Now { get; init; }
}
