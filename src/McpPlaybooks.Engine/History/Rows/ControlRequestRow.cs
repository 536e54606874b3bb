using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>control_requests</c>, as Dapper reads and writes it.</summary>
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
