using McpPlaybooks.Engine.History.Records;
using System.Data.Common;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>approval_pages</c>, read by position.</summary>
internal sealed class ApprovalPageRow
{
    public const string Columns = "owner_id AS OwnerId, base_url AS BaseUrl, started_at AS StartedAt";

    public string OwnerId { get; init; } = "";

    public string BaseUrl { get; init; } = "";

    public long StartedAt { get; init; }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static ApprovalPageRow Read(DbDataReader reader) => new()
    {
        OwnerId = reader.GetString(0),
        BaseUrl = reader.GetString(1),
        StartedAt = reader.GetInt64(2),
    };

    public ApprovalPageRecord ToRecord() => new(OwnerId, BaseUrl, StoredValues.Time(StartedAt));
}
