using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>signals</c>, read by position and written by name.</summary>
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

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static SignalRow Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        ExecutionId = reader.GetString(1),
        Type = reader.GetString(2),
        Correlation = reader.NullableString(3),
        PayloadJson = reader.NullableString(4),
        SentBy = reader.GetString(5),
        At = reader.GetInt64(6),
        ConsumedBy = reader.NullableString(7),
        ConsumedAt = reader.NullableInt64(8),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<SignalRow, object?>> Parameters = new Dictionary<string, Func<SignalRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(Id)] = row => row.Id,
        [nameof(ExecutionId)] = row => row.ExecutionId,
        [nameof(Type)] = row => row.Type,
        [nameof(Correlation)] = row => row.Correlation,
        [nameof(PayloadJson)] = row => row.PayloadJson,
        [nameof(SentBy)] = row => row.SentBy,
        [nameof(At)] = row => row.At,
        [nameof(ConsumedBy)] = row => row.ConsumedBy,
        [nameof(ConsumedAt)] = row => row.ConsumedAt,
    };

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
