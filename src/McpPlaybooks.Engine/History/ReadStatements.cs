using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History;

/// <summary>The reader's statements that differ between dialects (index hints, null-safe equality, flags), built once per dialect.</summary>
internal sealed class ReadStatements
{
    private static readonly DialectCache<ReadStatements> Built = new(dialect => new ReadStatements(dialect));

    private ReadStatements(SqlDialect dialect)
    {
        FindByIdempotencyKeySql = $"""
            SELECT {ExecutionRow.Columns} FROM executions{dialect.IndexedBy("ix_executions_idempotency_key")}
            WHERE idempotency_key = @idempotencyKey ORDER BY created_at DESC, id DESC LIMIT 1
            """;
        ListClaimableSql = $"""
            SELECT {ExecutionRow.Columns} FROM executions{dialect.IndexedBy("ix_executions_unfinished")}
            WHERE status IN ({LeaseStatements.UnfinishedList}) AND dry_run = {dialect.Flag(false)}
                AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
            ORDER BY created_at, id LIMIT @Limit
            """;
        FindActiveDuplicateSql = $"""
            SELECT {ExecutionRow.Columns} FROM executions{dialect.IndexedBy("ix_executions_duplicate")}
            WHERE playbook_id = @playbookId AND dry_run = {dialect.Flag(false)} AND status IN ({LeaseStatements.UnfinishedList}) AND playbook_sha256 = @sha256
                AND {dialect.EqualsLongText("inputs_json", "@inputsJson")} AND {dialect.SameValue("incident_json", "@incidentJson")}
                AND {dialect.SameValue("secret_inputs_hmac", "@secretInputsHmac")}
            ORDER BY created_at DESC, id DESC LIMIT 1
            """;
        FindDryRunSql = $"""
            SELECT {ExecutionRow.Columns} FROM executions
            WHERE playbook_id = @playbookId AND dry_run = {dialect.Flag(true)} AND status = 'completed' AND playbook_sha256 = @sha256
                AND {dialect.EqualsLongText("inputs_json", "@inputsJson")} AND created_at >= @Since
            ORDER BY created_at DESC, id DESC LIMIT 1
            """;
        ListExecutionStartsSql =
            $"SELECT created_at FROM executions WHERE playbook_id = @playbookId AND dry_run = {dialect.Flag(false)} AND created_at >= @Since ORDER BY created_at, id";
        ListActiveExecutionsSql =
            $"SELECT {ExecutionRow.Columns} FROM executions WHERE playbook_id = @playbookId AND dry_run = {dialect.Flag(false)} AND status IN ({LeaseStatements.UnfinishedList}) ORDER BY created_at, id";
    }

    /// <summary>
    /// The idempotency lookup at every start, pinned to its partial index: without statistics SQLite may walk
    /// <c>ix_executions_list</c> to avoid the sort, reading every execution.
    /// </summary>
    public string FindByIdempotencyKeySql { get; }

    /// <summary>The takeover scan, pinned to the partial index of unfinished executions (SQLite without statistics would pick the status index and sort).</summary>
    public string ListClaimableSql { get; }

    /// <summary>
    /// The identical-run check at every start, pinned to <c>ix_executions_duplicate</c>: without statistics SQLite walks
    /// <c>ix_executions_playbook_list</c> to avoid the sort, reading every execution of the playbook (starts grew slower with each).
    /// Secret inputs are compared by their digest (<c>secret_inputs_hmac</c>), null only with null: a row recorded before
    /// digests were kept never matches a start that gives secrets.
    /// </summary>
    public string FindActiveDuplicateSql { get; }

    public string FindDryRunSql { get; }

    public string ListExecutionStartsSql { get; }

    public string ListActiveExecutionsSql { get; }

    public static ReadStatements For(SqlDialect dialect) => Built.For(dialect);
}
