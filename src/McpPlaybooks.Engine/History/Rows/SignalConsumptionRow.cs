using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>The parameters of <see cref="HistoryWrite.ConsumeSignal"/>.</summary>
internal sealed class SignalConsumptionRow
{
    public long SignalId { get; init; }

    public string StepId { get; init; } = "";

    public long At { get; init; }

    public static SignalConsumptionRow From(HistoryWrite.ConsumeSignal write) => new()
    {
        SignalId = write.SignalId,
        StepId = write.StepId,
        At = StoredValues.Time(write.At),
    };
}
