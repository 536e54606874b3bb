using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>approval_pages</c>, as Dapper reads it.</summary>
internal sealed class ApprovalPageRow
{
    public const string Columns = "owner_id AS OwnerId, base_url AS BaseUrl, started_at AS StartedAt";

    public string OwnerId { get; init; } = "";

    public string BaseUrl { get; init; } = "";

    public long StartedAt { get; init; }

    public ApprovalPageRecord ToRecord() => new(OwnerId, BaseUrl, StoredValues.Time(StartedAt));
}
