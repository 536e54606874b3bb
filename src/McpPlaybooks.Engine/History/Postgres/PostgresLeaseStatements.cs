namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// The lease statements on PostgreSQL, where the claimants are servers on many machines. Claiming one execution, renewing
/// and releasing are the same statements as SQLite's (<see cref="LeaseStatements"/>): one conditional UPDATE each, and a
/// renewal is one statement per process, not per row. The takeover's batch differs: its scan locks the rows it picks
/// with <c>FOR UPDATE SKIP LOCKED</c>, so servers taking over at once each get their own executions, none waits for
/// another, and none claims a row another is claiming. A fencing epoch, when the schema has one, is bumped in the same
/// SET (<c>lease_epoch = lease_epoch + 1</c>) and returned beside the id.
/// </summary>
internal static class PostgresLeaseStatements
{
    public static string Claim => LeaseStatements.Claim;

    public static string ClaimAny => LeaseStatements.ClaimAny;

    /// <summary>Claims up to <c>@Limit</c> unfinished real executions nobody holds, oldest first; returns the ids won.</summary>
    public static readonly string ClaimBatch = $"""
        UPDATE executions SET owner_id = @OwnerId, lease_expires_at = @LeaseUntil
        WHERE id IN (
            SELECT id FROM executions
            WHERE status IN ({LeaseStatements.UnfinishedList}) AND dry_run = 0
                AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
            ORDER BY created_at, id LIMIT @Limit
            FOR UPDATE SKIP LOCKED)
        RETURNING id
        """;

    public static string Renew => LeaseStatements.Renew;

    public static string Release => LeaseStatements.Release;

    public static string ReleaseAll => LeaseStatements.ReleaseAll;
}
