using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>The parameters of <see cref="HistoryWrite.ConsumeSignal"/>.</summary>
internal sealed class SignalConsumptionRow
{
    public long SignalId { get; init; }

    public string StepId { get; init; } = "";

    public long At { get; init; }

    /// <summary>The consumer it may be taken from (an attempt that never ended); null: only from nobody.</summary>
    public string? TakenFrom { get; init; }

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<SignalConsumptionRow, object?>> Parameters = new Dictionary<string, Func<SignalConsumptionRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(SignalId)] = row => row.SignalId,
        [nameof(StepId)] = row => row.StepId,
        [nameof(At)] = row => row.At,
        [nameof(TakenFrom)] = row => row.TakenFrom,
    };

    public static SignalConsumptionRow From(HistoryWrite.ConsumeSignal write) => new()
    {
        SignalId = write.SignalId,
        StepId = write.StepId,
        At = StoredValues.Time(write.At),
        TakenFrom = write.TakenFrom,
    };
}
