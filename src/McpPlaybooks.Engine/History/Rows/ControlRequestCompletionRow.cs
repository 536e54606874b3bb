using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>The parameters of <see cref="HistoryWrite.CompleteControlRequest"/>.</summary>
internal sealed class ControlRequestCompletionRow
{
    public long RequestId { get; init; }

    public long At { get; init; }

    public string? Error { get; init; }

    public static ControlRequestCompletionRow From(HistoryWrite.CompleteControlRequest write) => new()
    {
        RequestId = write.RequestId,
        At = StoredValues.Time(write.At),
        Error = write.Error,
    };
}
