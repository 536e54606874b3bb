namespace McpPlaybooks.Engine.History.Rows;

/// <summary>The parameters of a lease operation (<see cref="LeaseStatements"/>); times in unix milliseconds.</summary>
internal sealed class LeaseRow
{
    public string ExecutionId { get; init; } = "";

    public string OwnerId { get; init; } = "";

    public long LeaseUntil { get; init; }

    public long Now { get; init; }

    /// <summary>The epoch of the lease the owner won (the fence's token).</summary>
    public long Epoch { get; init; }

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<LeaseRow, object?>> Parameters = new Dictionary<string, Func<LeaseRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(ExecutionId)] = row => row.ExecutionId,
        [nameof(OwnerId)] = row => row.OwnerId,
        [nameof(LeaseUntil)] = row => row.LeaseUntil,
        [nameof(Now)] = row => row.Now,
        [nameof(Epoch)] = row => row.Epoch,
    };
}
