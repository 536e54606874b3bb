namespace McpPlaybooks.Engine.History.Records;

/// <summary>Where a running server process serves its approval page (see <c>approval_pages</c>).</summary>
public sealed record ApprovalPageRecord(string OwnerId, string BaseUrl, DateTimeOffset StartedAt);
