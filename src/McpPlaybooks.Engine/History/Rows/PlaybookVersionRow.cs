using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>playbook_versions</c>, read by position and written by name.</summary>
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

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static PlaybookVersionRow Read(DbDataReader reader) => new()
    {
        PlaybookId = reader.GetString(0),
        Version = reader.GetString(1),
        Sha256 = reader.GetString(2),
        Content = reader.GetString(3),
        Source = reader.NullableString(4),
        CreatedAt = reader.GetInt64(5),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<PlaybookVersionRow, object?>> Parameters = new Dictionary<string, Func<PlaybookVersionRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(PlaybookId)] = row => row.PlaybookId,
        [nameof(Version)] = row => row.Version,
        [nameof(Sha256)] = row => row.Sha256,
        [nameof(Content)] = row => row.Content,
        [nameof(Source)] = row => row.Source,
        [nameof(CreatedAt)] = row => row.CreatedAt,
    };

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
