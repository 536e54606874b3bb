using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>playbook_statuses</c>, as Dapper reads and writes it.</summary>
internal sealed class PlaybookStatusRow
{
    public const string Columns =
        "playbook_id AS PlaybookId, version AS Version, status AS Status, changed_at AS ChangedAt, changed_by AS ChangedBy";

    public string PlaybookId { get; init; } = "";

    public string Version { get; init; } = "";

    public string Status { get; init; } = "";

    public long ChangedAt { get; init; }

    public string ChangedBy { get; init; } = "";

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
