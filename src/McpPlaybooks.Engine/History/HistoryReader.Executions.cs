using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History;

/// <summary>The queries of ownership, guardrails and sub-playbooks.</summary>
internal sealed partial class HistoryReader
{
    /// <summary>The takeover scan, pinned to the partial index of unfinished executions (SQLite without statistics would pick the status index and sort).</summary>
    public static readonly string ListClaimableSql = $"""
        SELECT {ExecutionRow.Columns} FROM executions INDEXED BY ix_executions_unfinished
        WHERE status IN ({LeaseStatements.UnfinishedList}) AND dry_run = 0
            AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
        ORDER BY created_at, id LIMIT @Limit
        """;

    public async Task<IReadOnlyList<ExecutionRecord>> ListClaimableAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var rows = await QueryAsync(
            ListClaimableSql,
            ExecutionRow.Read,
            cancellationToken,
            ("Now", StoredValues.Time(now)), ("Limit", limit));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<string?> GetOwnerAsync(string executionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            "SELECT owner_id FROM executions WHERE id = @executionId AND owner_id IS NOT NULL AND lease_expires_at >= @Now",
            static r => r.GetString(0),
            cancellationToken,
            ("executionId", executionId), ("Now", StoredValues.Time(now)));
        return rows.FirstOrDefault();
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListUnfinishedAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {ExecutionRow.Columns} FROM executions WHERE status IN ({LeaseStatements.UnfinishedList}) ORDER BY created_at, id",
            ExecutionRow.Read,
            cancellationToken);
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListChildrenAsync(string parentExecutionId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {ExecutionRow.Columns} FROM executions WHERE parent_execution_id = @parentExecutionId ORDER BY created_at, id",
            ExecutionRow.Read,
            cancellationToken,
            ("parentExecutionId", parentExecutionId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlyList<DateTimeOffset>> ListExecutionStartsAsync(string playbookId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            "SELECT created_at FROM executions WHERE playbook_id = @playbookId AND dry_run = 0 AND created_at >= @Since ORDER BY created_at, id",
            static r => r.GetInt64(0),
            cancellationToken,
            ("playbookId", playbookId), ("Since", StoredValues.Time(since)));
        return rows.ConvertAll(StoredValues.Time);
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListActiveExecutionsAsync(string playbookId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {ExecutionRow.Columns} FROM executions WHERE playbook_id = @playbookId AND dry_run = 0 AND status IN ({LeaseStatements.UnfinishedList}) ORDER BY created_at, id",
            ExecutionRow.Read,
            cancellationToken,
            ("playbookId", playbookId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<ExecutionRecord?> FindDryRunAsync(string playbookId, string sha256, string inputsJson, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"""
            SELECT {ExecutionRow.Columns} FROM executions
            WHERE playbook_id = @playbookId AND dry_run = 1 AND status = 'completed' AND playbook_sha256 = @sha256
                AND inputs_json = @inputsJson AND created_at >= @Since
            ORDER BY created_at DESC, id DESC LIMIT 1
            """,
            ExecutionRow.Read,
            cancellationToken,
            ("playbookId", playbookId), ("sha256", sha256), ("inputsJson", inputsJson), ("Since", StoredValues.Time(since)));
        return rows.FirstOrDefault()?.ToRecord();
    }

    /// <summary>
    /// The identical-run check at every start, pinned to <c>ix_executions_duplicate</c>: without statistics SQLite walks
    /// <c>ix_executions_playbook_list</c> to avoid the sort, reading every execution of the playbook (starts grew slower with each).
    /// </summary>
    public static readonly string FindActiveDuplicateSql = $"""
        SELECT {ExecutionRow.Columns} FROM executions INDEXED BY ix_executions_duplicate
        WHERE playbook_id = @playbookId AND dry_run = 0 AND status IN ({LeaseStatements.UnfinishedList}) AND playbook_sha256 = @sha256
            AND inputs_json = @inputsJson AND incident_json IS @incidentJson
        ORDER BY created_at DESC, id DESC LIMIT 1
        """;

    public async Task<ExecutionRecord?> FindActiveDuplicateAsync(string playbookId, string sha256, string inputsJson, string? incidentJson, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            FindActiveDuplicateSql,
            ExecutionRow.Read,
            cancellationToken,
            ("playbookId", playbookId), ("sha256", sha256), ("inputsJson", inputsJson), ("incidentJson", incidentJson));
        return rows.FirstOrDefault()?.ToRecord();
    }
}
