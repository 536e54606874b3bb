using Dapper;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Rows;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.History;

/// <summary>The queries. Each opens its own pooled connection; in WAL mode they never wait for the writer.</summary>
internal sealed partial class HistoryReader(string connectionString)
{
    public const int MaxLogLines = 1000;
    public const int MaxExecutions = 500;

    public async Task<PlaybookVersionRecord?> GetPlaybookVersionAsync(string playbookId, string version, string sha256, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<PlaybookVersionRow>(
            $"SELECT {PlaybookVersionRow.Columns} FROM playbook_versions WHERE playbook_id = @playbookId AND version = @version AND sha256 = @sha256",
            new { playbookId, version, sha256 },
            cancellationToken);
        return rows.FirstOrDefault()?.ToRecord();
    }

    public async Task<ExecutionRecord?> GetExecutionAsync(string executionId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<ExecutionRow>($"SELECT {ExecutionRow.Columns} FROM executions WHERE id = @executionId", new { executionId }, cancellationToken);
        return rows.FirstOrDefault()?.ToRecord();
    }

    /// <summary>
    /// The idempotency lookup at every start, pinned to its partial index: without statistics SQLite may walk
    /// <c>ix_executions_created</c> to avoid the sort, reading every execution.
    /// </summary>
    public static readonly string FindByIdempotencyKeySql = $"""
        SELECT {ExecutionRow.Columns} FROM executions INDEXED BY ix_executions_idempotency_key
        WHERE idempotency_key = @idempotencyKey ORDER BY created_at DESC, id DESC LIMIT 1
        """;

    public async Task<ExecutionRecord?> FindExecutionByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<ExecutionRow>(
            FindByIdempotencyKeySql,
            new { idempotencyKey },
            cancellationToken);
        return rows.FirstOrDefault()?.ToRecord();
    }

    public async Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var limit = Math.Min(query.Limit, MaxExecutions);
        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        if (query.PlaybookId is { } playbookId)
        {
            conditions.Add("playbook_id = @PlaybookId");
            parameters.Add("PlaybookId", playbookId);
        }

        if (query.StartedBy is { } startedBy)
        {
            conditions.Add("started_by = @StartedBy COLLATE NOCASE");
            parameters.Add("StartedBy", startedBy);
        }

        if (query.Text is { Length: > 0 } text)
        {
            conditions.Add("(id LIKE @Text ESCAPE '\\' OR playbook_id LIKE @Text ESCAPE '\\' OR started_by LIKE @Text ESCAPE '\\')");
            parameters.Add("Text", "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        }

        if (query.Statuses.Count > 0)
        {
            conditions.Add("status IN @Statuses");
            parameters.Add("Statuses", query.Statuses.Select(EnumNames.ToName).ToArray());
        }

        if (query.ActiveOnly)
        {
            conditions.Add($"status IN ({LeaseStatements.UnfinishedList})");
        }

        if (query.Cursor is { } cursorText)
        {
            var cursor = ExecutionCursor.Decode(cursorText);
            conditions.Add("(created_at, id) < (@CursorCreatedAt, @CursorId)");
            parameters.Add("CursorCreatedAt", cursor.CreatedAt);
            parameters.Add("CursorId", cursor.Id);
        }

        parameters.Add("Take", limit + 1);
        var where = conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "";
        var rows = await QueryAsync<ExecutionRow>(
            $"SELECT {ExecutionRow.Columns} FROM executions {where} ORDER BY created_at DESC, id DESC LIMIT @Take",
            parameters,
            cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new ExecutionCursor(page[^1].CreatedAt, page[^1].Id).Encode() : null;
        return new ExecutionPage(page.ConvertAll(row => row.ToRecord()), next);
    }

    public async Task<IReadOnlyList<StepStateRecord>> GetStepStatesAsync(string executionId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<StepStateRow>(
            $"SELECT {StepStateRow.Columns} FROM step_states WHERE execution_id = @executionId ORDER BY position, step_id",
            new { executionId },
            cancellationToken);
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlyList<StepAttemptRecord>> GetAttemptsAsync(string executionId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<StepAttemptRow>(
            $"SELECT {StepAttemptRow.Columns} FROM step_attempts WHERE execution_id = @executionId ORDER BY started_at, id",
            new { executionId },
            cancellationToken);
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<LogPage> GetLogsAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var sql = $"SELECT {LogRow.Columns} FROM logs WHERE execution_id = @ExecutionId AND id > @AfterId";
        if (query.StepId is not null)
        {
            sql += " AND step_id = @StepId";
        }

        var levels = Enum.GetValues<ExecutionLogLevel>().Where(level => level >= query.MinimumLevel).Select(EnumNames.ToName).ToArray();
        if (query.MinimumLevel > ExecutionLogLevel.Debug)
        {
            sql += " AND level IN @Levels";
        }

        var rows = await QueryAsync<LogRow>(
            sql + " ORDER BY id LIMIT @Limit",
            new { query.ExecutionId, AfterId = query.AfterId ?? 0, query.StepId, Levels = levels, Limit = Math.Min(query.Limit, MaxLogLines) },
            cancellationToken);
        return new LogPage(rows.ConvertAll(row => row.ToRecord()), rows.Count > 0 ? rows[^1].Id : query.AfterId);
    }

    public async Task<LogTail> GetLogTailAsync(string executionId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var parameters = new { ExecutionId = executionId, Count = Math.Min(count, MaxLogLines) };
        var rows = await QueryAsync<LogRow>($"SELECT {LogRow.Columns} FROM logs WHERE execution_id = @ExecutionId ORDER BY id DESC LIMIT @Count", parameters, cancellationToken);
        var total = await QueryAsync<long>("SELECT COUNT(*) FROM logs WHERE execution_id = @ExecutionId", parameters, cancellationToken);
        rows.Reverse();
        return new LogTail(rows.ConvertAll(row => row.ToRecord()), total[0]);
    }

    public async Task<IReadOnlyList<AuditRecord>> GetAuditAsync(string subjectId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<AuditRow>($"SELECT {AuditRow.Columns} FROM audit WHERE subject_id = @subjectId ORDER BY id", new { subjectId }, cancellationToken);
        return rows.ConvertAll(row => row.ToRecord());
    }

    private async Task<List<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
