using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History;

/// <summary>The queries of ownership, guardrails and sub-playbooks.</summary>
internal sealed partial class HistoryReader
{
    public async Task<IReadOnlyList<ExecutionRecord>> ListClaimableAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var rows = await QueryAsync(
            statements.ListClaimableSql,
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

    public async Task<IReadOnlyList<ExecutionRecord>> ListChildrenAsync(string parentExecutionId, int? limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {ExecutionRow.Columns} FROM executions WHERE parent_execution_id = @parentExecutionId ORDER BY created_at, id";
        var rows = limit is { } most
            ? await QueryAsync(sql + " LIMIT @Limit", ExecutionRow.Read, cancellationToken, ("parentExecutionId", parentExecutionId), ("Limit", most))
            : await QueryAsync(sql, ExecutionRow.Read, cancellationToken, ("parentExecutionId", parentExecutionId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<int> CountChildrenAsync(string parentExecutionId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            "SELECT COUNT(*) FROM executions WHERE parent_execution_id = @parentExecutionId",
            static r => r.GetInt64(0),
            cancellationToken,
            ("parentExecutionId", parentExecutionId));
        return (int)rows[0];
    }

    public async Task<IReadOnlyList<DateTimeOffset>> ListExecutionStartsAsync(string playbookId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            statements.ListExecutionStartsSql,
            static r => r.GetInt64(0),
            cancellationToken,
            ("playbookId", playbookId), ("Since", StoredValues.Time(since)));
        return rows.ConvertAll(StoredValues.Time);
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListActiveExecutionsAsync(string playbookId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            statements.ListActiveExecutionsSql,
            ExecutionRow.Read,
            cancellationToken,
            ("playbookId", playbookId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<ExecutionRecord?> FindDryRunAsync(string playbookId, string sha256, string inputsJson, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            statements.FindDryRunSql,
            ExecutionRow.Read,
            cancellationToken,
            ("playbookId", playbookId), ("sha256", sha256), ("inputsJson", inputsJson), ("Since", StoredValues.Time(since)));
        return rows.FirstOrDefault()?.ToRecord();
    }

    public async Task<ExecutionRecord?> FindActiveDuplicateAsync(string playbookId, string sha256, string inputsJson, string? incidentJson, string? secretInputsHmac, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            statements.FindActiveDuplicateSql,
            ExecutionRow.Read,
            cancellationToken,
            ("playbookId", playbookId), ("sha256", sha256), ("inputsJson", inputsJson), ("incidentJson", incidentJson), ("secretInputsHmac", secretInputsHmac));
        return rows.FirstOrDefault()?.ToRecord();
    }
}
