using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The SQL of the lease operations (design §3, Ownership). A lease is valid while <c>lease_expires_at &gt;= now</c>;
/// an owner without a lease time holds nothing. Only these statements change <c>owner_id</c> and <c>lease_expires_at</c>
/// of an existing row. Built once per dialect (<see cref="For"/>).
/// </summary>
internal sealed class LeaseStatements
{
    private static readonly DialectCache<LeaseStatements> Built = new(dialect => new LeaseStatements(dialect));

    private LeaseStatements(SqlDialect dialect)
    {
        ClaimBatch = $"""
            UPDATE executions SET owner_id = @OwnerId, lease_expires_at = @LeaseUntil
            WHERE id IN (
                SELECT id FROM executions{dialect.IndexedBy("ix_executions_unfinished")}
                WHERE status IN ({UnfinishedList}) AND dry_run = {dialect.Flag(false)}
                    AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
                ORDER BY created_at, id LIMIT @Limit{dialect.SkipLocked})
            RETURNING id
            """;
    }

    /// <summary>
    /// The statuses of an execution that has not ended, as an SQL list: <c>'pending', 'running', ...</c>. The text equals
    /// the list in the partial index <c>ix_executions_unfinished</c>, so that queries repeating its WHERE can use it.
    /// </summary>
    public static readonly string UnfinishedList = string.Join(", ", ExecutionStatuses.Unfinished.Select(status => "'" + EnumNames.ToName(status) + "'"));

    public static LeaseStatements For(SqlDialect dialect) => Built.For(dialect);

    public static readonly string Claim = $"""
        UPDATE executions SET owner_id = @OwnerId, lease_expires_at = @LeaseUntil
        WHERE id = @ExecutionId AND status IN ({UnfinishedList})
            AND (owner_id IS NULL OR owner_id = @OwnerId OR lease_expires_at IS NULL OR lease_expires_at < @Now)
        """;

    /// <summary>Claims an execution whatever its status (an ended one reopened by retry_step, skip_step or rollback).</summary>
    public const string ClaimAny = """
        UPDATE executions SET owner_id = @OwnerId, lease_expires_at = @LeaseUntil
        WHERE id = @ExecutionId
            AND (owner_id IS NULL OR owner_id = @OwnerId OR lease_expires_at IS NULL OR lease_expires_at < @Now)
        """;

    /// <summary>
    /// Claims up to <c>@Limit</c> unfinished real executions nobody holds (no owner, or an expired lease), oldest first, in
    /// one UPDATE; returns the ids won. The takeover's batch: its inner SELECT is the takeover scan, pinned to its index.
    /// </summary>
    /// <summary>
    /// Claims up to <c>@Limit</c> unfinished real executions nobody holds (no owner, or an expired lease), oldest first, in
    /// one UPDATE; returns the ids won. The takeover's batch: its inner SELECT is the takeover scan, pinned to its index
    /// on SQLite; on PostgreSQL it skips the rows another server is claiming.
    /// </summary>
    public string ClaimBatch { get; }

    public static readonly string Renew = $"""
        UPDATE executions SET lease_expires_at = @LeaseUntil WHERE owner_id = @OwnerId AND status IN ({UnfinishedList})
        """;

    public const string Release = """
        UPDATE executions SET owner_id = NULL, lease_expires_at = NULL WHERE id = @ExecutionId AND owner_id = @OwnerId
        """;

    public const string ReleaseAll = """
        UPDATE executions SET owner_id = NULL, lease_expires_at = NULL WHERE owner_id = @OwnerId
        """;
}
