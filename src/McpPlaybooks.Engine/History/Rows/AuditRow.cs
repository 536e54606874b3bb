using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>audit</c>, read by position and written by name.</summary>
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

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static AuditRow Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        At = reader.GetInt64(1),
        Actor = reader.GetString(2),
        Action = reader.GetString(3),
        SubjectType = reader.GetString(4),
        SubjectId = reader.GetString(5),
        DetailJson = reader.NullableString(6),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<AuditRow, object?>> Parameters = new Dictionary<string, Func<AuditRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(Id)] = row => row.Id,
        [nameof(At)] = row => row.At,
        [nameof(Actor)] = row => row.Actor,
        [nameof(Action)] = row => row.Action,
        [nameof(SubjectType)] = row => row.SubjectType,
        [nameof(SubjectId)] = row => row.SubjectId,
        [nameof(DetailJson)] = row => row.DetailJson,
    };

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
