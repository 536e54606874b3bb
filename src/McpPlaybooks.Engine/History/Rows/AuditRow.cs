using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>audit</c>, as Dapper reads and writes it.</summary>
internal sealed class AuditRow
{
    public const string Columns =
        "id AS Id, at AS At, actor AS Actor, action AS Action, subject_type AS SubjectType, subject_id AS SubjectId, detail_json AS DetailJson";

    public long Id { get; init; }

    public long At { get; init; }

    public string Actor { get; init; } = "";

    public string Action { get; init; } = "";

    public string SubjectType { get; init; } = "";

    public string SubjectId { get; init; } = "";

    public string? DetailJson { get; init; }

    public static AuditRow From(AuditRecord record) => new()
    {
        At = StoredValues.Time(record.At),
        Actor = record.Actor,
        Action = record.Action,
        SubjectType = record.SubjectType,
        SubjectId = record.SubjectId,
        DetailJson = record.DetailJson,
    };

    public AuditRecord ToRecord() => new()
    {
        Id = Id,
        At = StoredValues.Time(At),
        Actor = Actor,
        Action = Action,
        SubjectType = SubjectType,
        SubjectId = SubjectId,
        DetailJson = DetailJson,
    };
}
