using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Rows;
using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The queries, each on a borrowed read connection whose prepared statements it reuses (<see cref="ReadConnections"/>); on
/// SQLite (WAL) they never wait for the writer. The statements that differ between stores come from <see cref="ReadStatements"/>.
/// </summary>
internal sealed partial class HistoryReader(ReadConnections connections, SqlDialect dialect)
{
    private readonly ReadStatements statements = ReadStatements.For(dialect);

    public const int MaxLogLines = 1000;
    public const int MaxExecutions = 500;

    public async Task<PlaybookVersionRecord?> GetPlaybookVersionAsync(string playbookId, string version, string sha256, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {PlaybookVersionRow.Columns} FROM playbook_versions WHERE playbook_id = @playbookId AND version = @version AND sha256 = @sha256",
            PlaybookVersionRow.Read,
            cancellationToken,
            ("playbookId", playbookId), ("version", version), ("sha256", sha256));
        return rows.FirstOrDefault()?.ToRecord();
    }

    public async Task<ExecutionRecord?> GetExecutionAsync(string executionId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {ExecutionRow.Columns} FROM executions WHERE id = @executionId", ExecutionRow.Read, cancellationToken, ("executionId", executionId));
        return rows.FirstOrDefault()?.ToRecord();
    }

    public async Task<ExecutionRecord?> FindExecutionByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            statements.FindByIdempotencyKeySql,
            ExecutionRow.Read,
            cancellationToken,
            ("idempotencyKey", idempotencyKey));
        return rows.FirstOrDefault()?.ToRecord();
    }

    public async Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var limit = Math.Min(query.Limit, MaxExecutions);
        var (sql, parameters) = ExecutionListSql.Build(query, limit + 1, dialect);
        var rows = await QueryAsync(sql, ExecutionRow.Read, cancellationToken, [.. parameters]);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new ExecutionCursor(page[^1].CreatedAt, page[^1].Id).Encode() : null;
        return new ExecutionPage(page.ConvertAll(row => row.ToRecord()), next);
    }

    public async Task<IReadOnlyList<StepStateRecord>> GetStepStatesAsync(string executionId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {StepStateRow.Columns} FROM step_states WHERE execution_id = @executionId ORDER BY position, step_id",
            StepStateRow.Read,
            cancellationToken,
            ("executionId", executionId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public Task<IReadOnlyList<StepAttemptRecord>> GetAttemptsAsync(string executionId, CancellationToken cancellationToken) =>
        ReadAttemptsAsync(StepAttemptRow.Columns, "execution_id = @executionId", cancellationToken, ("executionId", executionId));

    /// <summary>Every attempt with its output left unread (null): the outputs are most of what an attempt holds.</summary>
    public Task<IReadOnlyList<StepAttemptRecord>> GetAttemptsWithoutOutputsAsync(string executionId, CancellationToken cancellationToken) =>
        ReadAttemptsAsync(StepAttemptRow.ColumnsWithoutOutput, "execution_id = @executionId", cancellationToken, ("executionId", executionId));

    /// <summary>
    /// One step's attempts with their outputs left unread (null): the unique key (execution, step, ...) finds them without
    /// reading the other steps' rows.
    /// </summary>
    public Task<IReadOnlyList<StepAttemptRecord>> GetStepAttemptsWithoutOutputsAsync(string executionId, string stepId, CancellationToken cancellationToken) =>
        ReadAttemptsAsync(StepAttemptRow.ColumnsWithoutOutput, "execution_id = @executionId AND step_id = @stepId", cancellationToken, ("executionId", executionId), ("stepId", stepId));

    /// <summary>
    /// The attempts of one kind: the unique key (execution, step, kind, ...) finds them without reading the others' rows, so
    /// the finally calls of a run whose steps kept large outputs cost what they hold, not what the steps hold.
    /// </summary>
    public Task<IReadOnlyList<StepAttemptRecord>> GetAttemptsAsync(string executionId, AttemptKind kind, CancellationToken cancellationToken) =>
        ReadAttemptsAsync(StepAttemptRow.Columns, "execution_id = @executionId AND kind = @kind", cancellationToken, ("executionId", executionId), ("kind", StoredValues.Name(kind)));

    /// <summary>The attempts <paramref name="filter"/> selects, in the order they started.</summary>
    private async Task<IReadOnlyList<StepAttemptRecord>> ReadAttemptsAsync(
        string columns, string filter, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = await QueryAsync($"SELECT {columns} FROM step_attempts WHERE {filter} ORDER BY started_at, id", StepAttemptRow.Read, cancellationToken, parameters);
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

        List<(string Name, object? Value)> parameters =
            [("ExecutionId", query.ExecutionId), ("AfterId", query.AfterId ?? 0), ("StepId", query.StepId), ("Limit", Math.Min(query.Limit, MaxLogLines))];
        var levels = Enum.GetValues<ExecutionLogLevel>().Where(level => level >= query.MinimumLevel).Select(EnumNames.ToName).ToArray();
        if (query.MinimumLevel > ExecutionLogLevel.Debug)
        {
            sql += " AND level IN " + InList("Levels", levels, parameters);
        }

        var rows = await QueryAsync(
            sql + " ORDER BY id LIMIT @Limit",
            LogRow.Read,
            cancellationToken,
            [.. parameters]);
        return new LogPage(rows.ConvertAll(row => row.ToRecord()), rows.Count > 0 ? rows[^1].Id : query.AfterId);
    }

    public async Task<LogTail> GetLogTailAsync(string executionId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        (string, object?)[] parameters = [("ExecutionId", executionId), ("Count", Math.Min(count, MaxLogLines))];
        var rows = await QueryAsync($"SELECT {LogRow.Columns} FROM logs WHERE execution_id = @ExecutionId ORDER BY id DESC LIMIT @Count", LogRow.Read, cancellationToken, parameters);
        var total = await QueryAsync("SELECT COUNT(*) FROM logs WHERE execution_id = @ExecutionId", static r => r.GetInt64(0), cancellationToken, parameters);
        rows.Reverse();
        return new LogTail(rows.ConvertAll(row => row.ToRecord()), total[0]);
    }

    public async Task<IReadOnlyList<AuditRecord>> GetAuditAsync(string subjectId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {AuditRow.Columns} FROM audit WHERE subject_id = @subjectId ORDER BY id", AuditRow.Read, cancellationToken, ("subjectId", subjectId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlyList<AuditRecord>> GetAuditAsync(IReadOnlyList<string> subjectIds, IReadOnlyList<string> actions, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0)
        {
            return [];
        }

        List<(string Name, object? Value)> parameters = [];
        var rows = await QueryAsync(
            $"SELECT {AuditRow.Columns} FROM audit WHERE subject_id IN {InList("Subject", subjectIds, parameters)} AND action IN {InList("Action", actions, parameters)} ORDER BY id",
            AuditRow.Read,
            cancellationToken,
            [.. parameters]);
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlySet<string>> GetSubjectsWithAuditAsync(IReadOnlyList<string> subjectIds, IReadOnlyList<string> actions, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        List<(string Name, object? Value)> parameters = [];
        var rows = await QueryAsync(
            $"SELECT DISTINCT subject_id FROM audit WHERE subject_id IN {InList("Subject", subjectIds, parameters)} AND action IN {InList("Action", actions, parameters)}",
            static r => r.GetString(0),
            cancellationToken,
            [.. parameters]);
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> HasAuditAfterAsync(IReadOnlyList<string> subjectIds, IReadOnlyList<string> actions, long afterId, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0)
        {
            return false;
        }

        List<(string Name, object? Value)> parameters = [("after", afterId)];
        var rows = await QueryAsync(
            $"SELECT id FROM audit WHERE subject_id IN {InList("Subject", subjectIds, parameters)} AND action IN {InList("Action", actions, parameters)} AND id > @after LIMIT 1",
            static r => r.GetInt64(0),
            cancellationToken,
            [.. parameters]);
        return rows.Count > 0;
    }

    public async Task<DateTimeOffset?> GetLatestAuditTimeAsync(IReadOnlyList<string> subjectIds, IReadOnlyList<string> actions, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0)
        {
            return null;
        }

        List<(string Name, object? Value)> parameters = [];
        var rows = await QueryAsync(
            $"SELECT at FROM audit WHERE subject_id IN {InList("Subject", subjectIds, parameters)} AND action IN {InList("Action", actions, parameters)} ORDER BY id DESC LIMIT 1",
            static r => r.GetInt64(0),
            cancellationToken,
            [.. parameters]);
        return rows.Count == 0 ? null : StoredValues.Time(rows[0]);
    }

    /// <summary>Runs a query through its cached statement; each row is read by <paramref name="read"/> (by position, no reflection).</summary>
    private Task<List<T>> QueryAsync<T>(
        string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        connections.QueryAsync(sql, read, cancellationToken, parameters);

    /// <summary>A parameter per value, <c>@Name0</c>, <c>@Name1</c>…, and the list <c>(@Name0, @Name1)</c> to write after IN.</summary>
    internal static string InList(string name, IReadOnlyList<string> values, List<(string Name, object? Value)> parameters)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "@" + name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add((names[i][1..], values[i]));
        }

        return "(" + string.Join(", ", names) + ")";
    }
}
