using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The SQL of the lease operations (design §3, Ownership). A lease is valid while <c>lease_expires_at &gt;= now</c>;
/// an owner without a lease time holds nothing. Only these statements change <c>owner_id</c>, <c>lease_expires_at</c>,
/// <c>lease_epoch</c> and <c>previous_owner_id</c> of an existing row. Built once per dialect (<see cref="For"/>).
/// </summary>
internal sealed class LeaseStatements
{
    private static readonly DialectCache<LeaseStatements> Built = new(dialect => new LeaseStatements(dialect));

    private LeaseStatements(SqlDialect dialect)
    {
        ClaimBatch = $"""
            UPDATE executions {ClaimSet}
            WHERE id IN (
                SELECT id FROM executions{dialect.IndexedBy("ix_executions_unfinished")}
                WHERE status IN ({UnfinishedList}) AND dry_run = {dialect.Flag(false)}
                    AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
                ORDER BY created_at, id LIMIT @Limit{dialect.SkipLocked})
            RETURNING id, lease_epoch
            """;
    }

    /// <summary>
    /// The statuses of an execution that has not ended, as an SQL list: <c>'pending', 'running', ...</c>. The text equals
    /// the list in the partial index <c>ix_executions_unfinished</c>, so that queries repeating its WHERE can use it.
    /// </summary>
    public static readonly string UnfinishedList = string.Join(", ", ExecutionStatuses.Unfinished.Select(status => "'" + EnumNames.ToName(status) + "'"));

    public static LeaseStatements For(SqlDialect dialect) => Built.For(dialect);

    /// <summary>
    /// The SET of every claim: the owner and the lease; the epoch (the fencing token) is raised, and the owner it was taken
    /// from kept, only when the owner changes (a null owner counts as another: a claim after a release raises it too).
    /// </summary>
    private const string ClaimSet = """
        SET lease_epoch = CASE WHEN owner_id = @OwnerId THEN lease_epoch ELSE lease_epoch + 1 END,
            previous_owner_id = CASE WHEN owner_id = @OwnerId THEN previous_owner_id ELSE owner_id END,
            owner_id = @OwnerId, lease_expires_at = @LeaseUntil
        """;

    /// <summary>Claims an unfinished execution; returns the lease's epoch when won, no row otherwise.</summary>
    public static readonly string Claim = $"""
        UPDATE executions {ClaimSet}
        WHERE id = @ExecutionId AND status IN ({UnfinishedList})
            AND (owner_id IS NULL OR owner_id = @OwnerId OR lease_expires_at IS NULL OR lease_expires_at < @Now)
        RETURNING lease_epoch
        """;

    /// <summary>Claims an execution whatever its status (an ended one reopened by retry_step, skip_step or rollback); returns the epoch when won.</summary>
    public static readonly string ClaimAny = $"""
        UPDATE executions {ClaimSet}
        WHERE id = @ExecutionId
            AND (owner_id IS NULL OR owner_id = @OwnerId OR lease_expires_at IS NULL OR lease_expires_at < @Now)
        RETURNING lease_epoch
        """;

    /// <summary>
    /// Claims up to <c>@Limit</c> unfinished real executions nobody holds (no owner, or an expired lease), oldest first, in
    /// one UPDATE; returns the ids won with their epochs. The takeover's batch: its inner SELECT is the takeover scan, pinned
    /// to its index on SQLite; on PostgreSQL it skips the rows another server is claiming (<c>FOR UPDATE SKIP LOCKED</c>).
    /// </summary>
    public string ClaimBatch { get; }

    /// <summary>
    /// The fence: the first statement of a batch an owner writes for an execution it leased, in the batch's transaction. It
    /// changes nothing and touches one row only while the owner still holds the lease at the epoch it won; no row means the
    /// lease was taken over, and the batch is not applied. An UPDATE rather than a SELECT so that on PostgreSQL it takes the
    /// row's lock until the commit: no claim by another server slips in between (<see cref="ClaimAny"/> waits for the batch,
    /// <see cref="ClaimBatch"/> skips the row until a later scan; the same as <c>SELECT ... FOR SHARE</c>); on SQLite the writer's <c>BEGIN IMMEDIATE</c> already excludes every claim.
    /// </summary>
    public const string Fence = """
        UPDATE executions SET lease_epoch = lease_epoch WHERE id = @ExecutionId AND owner_id = @OwnerId AND lease_epoch = @Epoch
        """;

    /// <summary>The owner and the epoch of an execution's lease now (for the log line of a refused write, and for a new execution's first save).</summary>
    public const string LeaseOf = """
        SELECT owner_id, lease_epoch FROM executions WHERE id = @ExecutionId
        """;

    /// <summary>One statement per process, whatever it holds; returns the ids renewed, so the process sees which leases it lost.</summary>
    public static readonly string Renew = $"""
        UPDATE executions SET lease_expires_at = @LeaseUntil WHERE owner_id = @OwnerId AND status IN ({UnfinishedList})
        RETURNING id
        """;

    public const string Release = """
        UPDATE executions SET owner_id = NULL, lease_expires_at = NULL WHERE id = @ExecutionId AND owner_id = @OwnerId
        """;

    public const string ReleaseAll = """
        UPDATE executions SET owner_id = NULL, lease_expires_at = NULL WHERE owner_id = @OwnerId
        """;
}
