using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>The parameters of <see cref="HistoryWrite.CompleteControlRequest"/>.</summary>
internal sealed class ControlRequestCompletionRow
{
    public long RequestId { get; init; }

    public long At { get; init; }

    public string? Error { get; init; }

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<ControlRequestCompletionRow, object?>> Parameters = new Dictionary<string, Func<ControlRequestCompletionRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(RequestId)] = row => row.RequestId,
        [nameof(At)] = row => row.At,
        [nameof(Error)] = row => row.Error,
    };

    public static ControlRequestCompletionRow From(HistoryWrite.CompleteControlRequest write) => new()
    {
        RequestId = write.RequestId,
        At = StoredValues.Time(write.At),
        Error = write.Error,
    };
}
