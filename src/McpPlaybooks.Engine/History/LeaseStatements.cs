using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The SQL of the lease operations (design §3, Ownership). A lease is valid while <c>lease_expires_at &gt;= now</c>;
/// an owner without a lease time holds nothing. Only these statements change <c>owner_id</c> and <c>lease_expires_at</c>
/// of an existing row.
/// </summary>
internal static class LeaseStatements
{
    /// <summary>
    /// The statuses of an execution that has not ended, as an SQL list: <c>'pending', 'running', ...</c>. The text equals
    /// the list in the partial index <c>ix_executions_unfinished</c>, so that queries repeating its WHERE can use it.
    /// </summary>
    public static readonly string UnfinishedList = string.Join(", ", ExecutionStatuses.Unfinished.Select(status => "'" + EnumNames.ToName(status) + "'"));

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
    public static readonly string ClaimBatch = $"""
        UPDATE executions SET owner_id = @OwnerId, lease_expires_at = @LeaseUntil
        WHERE id IN (
            SELECT id FROM executions INDEXED BY ix_executions_unfinished
            WHERE status IN ({UnfinishedList}) AND dry_run = 0
                AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
            ORDER BY created_at, id LIMIT @Limit)
        RETURNING id
        """;

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
