using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>playbook_statuses</c>, read by position and written by name.</summary>
internal sealed class PlaybookStatusRow
{
    public const string Columns =
        "playbook_id AS PlaybookId, version AS Version, status AS Status, changed_at AS ChangedAt, changed_by AS ChangedBy";

    public string PlaybookId { get; init; } = "";

    public string Version { get; init; } = "";

    public string Status { get; init; } = "";

    public long ChangedAt { get; init; }

    public string ChangedBy { get; init; } = "";

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static PlaybookStatusRow Read(DbDataReader reader) => new()
    {
        PlaybookId = reader.GetString(0),
        Version = reader.GetString(1),
        Status = reader.GetString(2),
        ChangedAt = reader.GetInt64(3),
        ChangedBy = reader.GetString(4),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<PlaybookStatusRow, object?>> Parameters = new Dictionary<string, Func<PlaybookStatusRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(PlaybookId)] = row => row.PlaybookId,
        [nameof(Version)] = row => row.Version,
        [nameof(Status)] = row => row.Status,
        [nameof(ChangedAt)] = row => row.ChangedAt,
        [nameof(ChangedBy)] = row => row.ChangedBy,
    };

    public static PlaybookStatusRow From(PlaybookStatusRecord record) => new()
    {
        PlaybookId = record.PlaybookId,
        Version = record.Version,
        Status = StoredValues.Name(record.Status),
        ChangedAt = StoredValues.Time(record.ChangedAt),
        ChangedBy = record.ChangedBy,
    };

    public PlaybookStatusRecord ToRecord() => new()
    {
        PlaybookId = PlaybookId,
        Version = Version,
        Status = StoredValues.Parse<PlaybookStatus>(Status, "playbook_statuses.status"),
        ChangedAt = StoredValues.Time(ChangedAt),
        ChangedBy = ChangedBy,
    };
}
