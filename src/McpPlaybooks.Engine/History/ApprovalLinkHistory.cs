using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// One-time approval links (only their tokens' hashes) and the approval pages of running servers, in the history
/// (<see cref="HistoryStore.ApprovalLinks"/>). Using a link is a conditional write committed on its own (under SQLite's
/// write lock, or a row lock), so of two processes (or two requests) using one link, exactly one wins.
/// </summary>
public sealed class ApprovalLinkHistory
{
    private readonly HistoryStore store;

    /// <summary>Records (or replaces) one process's approval page, per dialect.</summary>
    private static readonly DialectCache<string> SavePageSql = new(dialect =>
        dialect.InsertOrReplace("approval_pages", [("owner_id", "@OwnerId"), ("base_url", "@BaseUrl"), ("started_at", "@StartedAt")], ["owner_id"]));

    internal ApprovalLinkHistory(HistoryStore store) => this.store = store;

    /// <summary>Records a new link; returns once committed.</summary>
    public Task SaveAsync(ApprovalLinkRecord link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var row = ApprovalLinkRow.From(link);
        return store.WriteOnConnectionAsync($"save approval link for {link.ExecutionId}/{link.StepId}", connection => connection.RunSql(ApprovalLinkRow.Insert,
            ("TokenSha256", row.TokenSha256), ("ExecutionId", row.ExecutionId), ("StepId", row.StepId), ("GateOpenedAt", row.GateOpenedAt),
            ("IssuedFor", row.IssuedFor), ("Name", row.Name), ("RolesJson", row.RolesJson), ("IssuedBy", row.IssuedBy), ("IssuedAt", row.IssuedAt)));
    }

    /// <summary>The link whose token has this hash, used or not, or null.</summary>
    public async Task<ApprovalLinkRecord?> GetAsync(string tokenSha256, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = connection.QuerySql(
            $"SELECT {ApprovalLinkRow.Columns} FROM approval_links WHERE token_sha256 = @tokenSha256", ApprovalLinkRow.Read, ("tokenSha256", tokenSha256));
        return rows.FirstOrDefault()?.ToRecord();
    }

    /// <summary>Marks an unused link used with <paramref name="decision"/>; true when this call did it, false when it was used already (or is unknown).</summary>
    public Task<bool> TryUseAsync(string tokenSha256, string decision, DateTimeOffset at) =>
        store.WriteOnConnectionAsync($"use approval link", connection => connection.RunSql(
            "UPDATE approval_links SET used_at = @At, decision = @decision WHERE token_sha256 = @tokenSha256 AND used_at IS NULL",
            ("tokenSha256", tokenSha256), ("decision", decision), ("At", StoredValues.Time(at))) == 1);

    /// <summary>Gives a link back unused: its decision was refused, so nothing was decided with it.</summary>
    public Task ReleaseAsync(string tokenSha256, DateTimeOffset usedAt) =>
        store.WriteOnConnectionAsync($"release approval link", connection => connection.RunSql(
            "UPDATE approval_links SET used_at = NULL, decision = NULL WHERE token_sha256 = @tokenSha256 AND used_at = @At",
            ("tokenSha256", tokenSha256), ("At", StoredValues.Time(usedAt))));

    /// <summary>Records (or replaces) where the process <paramref name="ownerId"/> serves its approval page.</summary>
    public Task SavePageAsync(ApprovalPageRecord page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return store.WriteOnConnectionAsync("save approval page", connection => connection.RunSql(
            SavePageSql.For(store.Dialect),
            ("OwnerId", page.OwnerId), ("BaseUrl", page.BaseUrl), ("StartedAt", StoredValues.Time(page.StartedAt))));
    }

    /// <summary>Forgets the approval page of <paramref name="ownerId"/> (its server stops, or is known to be gone).</summary>
    public Task RemovePageAsync(string ownerId) =>
        store.WriteOnConnectionAsync("remove approval page", connection => connection.RunSql("DELETE FROM approval_pages WHERE owner_id = @ownerId", ("ownerId", ownerId)));

    /// <summary>The approval pages recorded, newest first (some may belong to processes that died).</summary>
    public async Task<IReadOnlyList<ApprovalPageRecord>> ListPagesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = connection.QuerySql($"SELECT {ApprovalPageRow.Columns} FROM approval_pages ORDER BY started_at DESC", ApprovalPageRow.Read);
        return [.. rows.Select(row => row.ToRecord())];
    }
}
