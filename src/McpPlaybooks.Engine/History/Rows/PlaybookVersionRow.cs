using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>playbook_versions</c>, as Dapper reads and writes it.</summary>
internal sealed class PlaybookVersionRow
{
    public const string Columns =
        "playbook_id AS PlaybookId, version AS Version, sha256 AS Sha256, content AS Content, source AS Source, created_at AS CreatedAt";

    public string PlaybookId { get; init; } = "";

    public string Version { get; init; } = "";

    public string Sha256 { get; init; } = "";

    public string Content { get; init; } = "";

    public string? Source { get; init; }

    public long CreatedAt { get; init; }

    public static PlaybookVersionRow From(PlaybookVersionRecord record) => new()
    {
        PlaybookId = record.PlaybookId,
        Version = record.Version,
        Sha256 = record.Sha256,
        Content = record.Content,
        Source = record.Source,
        CreatedAt = StoredValues.Time(record.CreatedAt),
    };

    public PlaybookVersionRecord ToRecord() => new()
    {
        PlaybookId = PlaybookId,
        Version = Version,
        Sha256 = Sha256,
        Content = Content,
        Source = Source,
        CreatedAt = StoredValues.Time(CreatedAt),
    };
}
