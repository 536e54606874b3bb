using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>signals</c>, as Dapper reads and writes it.</summary>
internal sealed class SignalRow
{
    public const string Columns =
        "id AS Id, execution_id AS ExecutionId, type AS Type, correlation AS Correlation, payload_json AS PayloadJson, "
        + "sent_by AS SentBy, at AS At, consumed_by AS ConsumedBy, consumed_at AS ConsumedAt";

    public long Id { get; init; }

    public string ExecutionId { get; init; } = "";

    public string Type { get; init; } = "";

    public string? Correlation { get; init; }

    public string? PayloadJson { get; init; }

    public string SentBy { get; init; } = "";

    public long At { get; init; }

    public string? ConsumedBy { get; init; }

    public long? ConsumedAt { get; init; }

    public static SignalRow From(SignalRecord record) => new()
    {
        ExecutionId = record.ExecutionId,
        Type = record.Type,
        Correlation = record.Correlation,
        PayloadJson = record.PayloadJson,
        SentBy = record.SentBy,
        At = StoredValues.Time(record.At),
        ConsumedBy = record.ConsumedBy,
        ConsumedAt = StoredValues.Time(record.ConsumedAt),
    };

    public SignalRecord ToRecord() => new()
    {
        Id = Id,
        ExecutionId = ExecutionId,
        Type = Type,
        Correlation = Correlation,
        PayloadJson = PayloadJson,
        SentBy = SentBy,
        At = StoredValues.Time(At),
        ConsumedBy = ConsumedBy,
        ConsumedAt = StoredValues.Time(ConsumedAt),
    };
}
