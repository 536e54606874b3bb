using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>control_requests</c>, read by position and written by name.</summary>
internal sealed class ControlRequestRow
{
    public const string Columns =
        "id AS Id, execution_id AS ExecutionId, action AS Action, payload_json AS PayloadJson, requested_by AS RequestedBy, "
        + "requested_at AS RequestedAt, handled_at AS HandledAt, error AS Error";

    public long Id { get; init; }

    public string ExecutionId { get; init; } = "";

    public string Action { get; init; } = "";

    public string? PayloadJson { get; init; }

    public string RequestedBy { get; init; } = "";

    public long RequestedAt { get; init; }

    public long? HandledAt { get; init; }

    public string? Error { get; init; }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static ControlRequestRow Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        ExecutionId = reader.GetString(1),
        Action = reader.GetString(2),
        PayloadJson = reader.NullableString(3),
        RequestedBy = reader.GetString(4),
        RequestedAt = reader.GetInt64(5),
        HandledAt = reader.NullableInt64(6),
        Error = reader.NullableString(7),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<ControlRequestRow, object?>> Parameters = new Dictionary<string, Func<ControlRequestRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(Id)] = row => row.Id,
        [nameof(ExecutionId)] = row => row.ExecutionId,
        [nameof(Action)] = row => row.Action,
        [nameof(PayloadJson)] = row => row.PayloadJson,
        [nameof(RequestedBy)] = row => row.RequestedBy,
        [nameof(RequestedAt)] = row => row.RequestedAt,
        [nameof(HandledAt)] = row => row.HandledAt,
        [nameof(Error)] = row => row.Error,
    };

    public static ControlRequestRow From(ControlRequestRecord record) => new()
    {
        ExecutionId = record.ExecutionId,
        Action = record.Action,
        PayloadJson = record.PayloadJson,
        RequestedBy = record.RequestedBy,
        RequestedAt = StoredValues.Time(record.RequestedAt),
        HandledAt = StoredValues.Time(record.HandledAt),
        Error = record.Error,
    };

    public ControlRequestRecord ToRecord() => new()
    {
        Id = Id,
        ExecutionId = ExecutionId,
        Action = Action,
        PayloadJson = PayloadJson,
        RequestedBy = RequestedBy,
        RequestedAt = StoredValues.Time(RequestedAt),
        HandledAt = StoredValues.Time(HandledAt),
        Error = Error,
    };
}
