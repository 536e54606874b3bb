using System.Data.Common;
using System.Text.Json;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Records;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>
/// Folds a finished execution into the learning memory's aggregates, on the writer's connection, inside the transaction
/// that records its final status (so a crash never loses or doubles a fold). A watermark per execution (the last
/// attempt folded, and the execution-level counts it added) makes folding again after a retry add only the new attempts
/// and replace the execution's outcome. Each fold runs under a savepoint: a fold that fails is logged and undone, never
/// the execution's own write.
/// </summary>
internal sealed partial class MemoryFolder : IDisposable
{
    private const long DayMs = 86_400_000;

    private readonly DbConnection _connection;
    private readonly FoldCommand _selectFold;
    private readonly FoldCommand _selectSteps;
    private readonly FoldCommand _applySteps;
    private readonly FoldCommand _selectAttempts;
    private readonly FoldCommand _saveFold;
    private readonly FoldCommand _playbookDay;
    private readonly FoldCommand _stepDay;
    private readonly FoldCommand _stepTimeout;
    private readonly FoldCommand _duration;
    private readonly FoldCommand _durationTotal;
    private readonly FoldCommand _stepCategory;
    private readonly FoldCommand _incidentDay;
    private readonly FoldCommand _targetDay;
    private readonly FoldCommand _targetCategory;
    private readonly FoldCommand _retry;
    private readonly FoldCommand _insertPattern;
    private readonly FoldCommand _updatePattern;
    private readonly FoldCommand _indexPattern;
    private readonly FoldCommand _lastSuccess;
    private readonly FoldCommand _verdict;
    private readonly FoldCommand _forgetSuccess;
    private readonly FoldCommand _latestSuccess;
    private readonly FoldCommand _daySuccess;

    public MemoryFolder(DbConnection connection, SqlDialect dialect)
    {
        _connection = connection;
        var sql = FoldSql.For(dialect);
        _selectFold = new(connection, FoldSql.SelectFold, "e");
        _selectSteps = new(connection, sql.SelectSteps, "e");
        _applySteps = new(connection, sql.ApplySteps, "p", "d", "sign", "json");
        _selectAttempts = new(connection, FoldSql.SelectAttempts, "e");
        _saveFold = new(connection, FoldSql.SaveFold, "e", "id", "json", "steps", "at");
        _playbookDay = new(connection, sql.PlaybookDay, "p", "d", "runs", "completed", "failed", "cancelled", "rolled_back", "rejected", "refused", "ms", "last_run", "last_success");
        _stepDay = new(connection, sql.StepDay, "p", "s", "d", "attempts", "timeouts");
        _stepTimeout = new(connection, sql.StepTimeout, "p", "s", "d", "limit", "n");
        _duration = new(connection, sql.Duration, "p", "s", "d", "b", "n");
        _durationTotal = new(connection, sql.DurationTotal, "p", "s", "b", "n");
        _stepCategory = new(connection, sql.StepCategory, "p", "s", "d", "c", "n");
        _incidentDay = new(connection, sql.IncidentDay, "p", "i", "d", "runs", "completed", "cancelled", "rejected", "refused");
        _targetDay = new(connection, sql.TargetDay, "p", "t", "d", "attempts", "failures", "refusals", "last");
        _targetCategory = new(connection, sql.TargetCategory, "p", "t", "d", "c", "n");
        _retry = new(connection, sql.Retry, "p", "s", "t", "c", "k", "trials", "successes");
        _insertPattern = new(connection, FoldSql.InsertPattern, "f", "p", "s", "t", "c", "pattern", "example", "n", "first", "last");
        _updatePattern = new(connection, sql.UpdatePattern, "f", "p", "s", "t", "c", "example", "n", "first", "last");
        _indexPattern = new(connection, sql.IndexPattern, "body");
        _lastSuccess = new(connection, FoldSql.LastSuccess, "p", "v", "e", "inputs", "at");
        _verdict = new(connection, RunVerdict.Select, "e");
        var success = LastSuccessSql.For(dialect);
        _forgetSuccess = new(connection, LastSuccessSql.Forget, "p", "e");
        _latestSuccess = new(connection, success.Latest, "p", "e");
        _daySuccess = new(connection, success.Day, "p", "e", "d");
    }

    /// <summary>Whether an execution's final write is folded: a final status, and not a dry run.</summary>
    public static bool Folds(ExecutionRecord execution) => execution.Status.IsFinal() && !execution.DryRun;

    /// <summary>
    /// Folds each execution under its own savepoint; one that fails, whatever the exception (short of a fatal one), is
    /// logged and left unfolded, so the execution's own write still commits. Returns how many were folded.
    /// </summary>
    public int FoldAll(IEnumerable<ExecutionRecord> executions, DateTimeOffset now, ILogger logger)
    {
        var folded = 0;
        foreach (var execution in executions)
        {
            Run("SAVEPOINT memory_fold");
            try
            {
                Fold(execution, now);
                Run("RELEASE memory_fold");
                folded++;
            }
            catch (Exception exception) when (exception is not (OutOfMemoryException or StackOverflowException or AccessViolationException or ThreadAbortException))
            {
                Run("ROLLBACK TO memory_fold");
                Run("RELEASE memory_fold");
                LogFoldFailed(logger, execution.Id, exception.Message);
            }
        }

        return folded;
    }

    public void Dispose()
    {
        FoldCommand[] commands =
        [
            _selectFold, _selectSteps, _applySteps, _selectAttempts, _saveFold, _playbookDay, _stepDay, _stepTimeout, _duration, _durationTotal, _stepCategory, _incidentDay,
            _targetDay, _targetCategory, _retry, _insertPattern, _updatePattern, _indexPattern, _lastSuccess, _verdict,
            _forgetSuccess, _latestSuccess, _daySuccess,
        ];
        foreach (var command in commands)
        {
            command.Dispose();
        }
    }

    private void Fold(ExecutionRecord execution, DateTimeOffset now)
    {
        var (watermark, previous, previousSteps) = ReadFold(execution.Id);
        var attempts = FoldedAttempt.ReadAll(_selectAttempts, execution.Id);
        var ended = execution.EndedAt ?? execution.UpdatedAt;
        var outcome = OutcomeOf(execution, ended.ToUnixTimeMilliseconds() / DayMs);
        outcome = outcome with { Status = RunVerdict.Of(outcome.Status, _verdict, execution.Id) };
        var steps = StepsOf(execution.Id);
        if (previous is not null)
        {
            ApplyOutcome(previous, previousSteps, -1, null);
            if (previous.Status == "completed" && execution.Status != ExecutionStatus.Completed)
            {
                ForgetSuccess(execution.PlaybookId, execution.Id, previous.Day);
            }
        }

        ApplyOutcome(outcome, steps, 1, ended.ToUnixTimeMilliseconds());
        FoldAttempts(execution.PlaybookId, outcome.Day, attempts, watermark);
        var last = attempts.Count == 0 ? watermark : Math.Max(watermark, attempts.Max(a => a.Id));
        _saveFold.Execute(execution.Id, last, JsonSerializer.Serialize(outcome, MemoryJsonContext.Default.FoldOutcome), steps, now.ToUnixTimeMilliseconds());
        if (execution.Status == ExecutionStatus.Completed)
        {
            _lastSuccess.Execute(execution.PlaybookId, execution.PlaybookVersion, execution.Id, execution.InputsJson, ended.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>A completed execution that ended otherwise (rolled back): no longer its playbook's last success, nor its day's.</summary>
    private void ForgetSuccess(string playbookId, string executionId, long day)
    {
        if (_forgetSuccess.Execute(playbookId, executionId) == 1)
        {
            _latestSuccess.Execute(playbookId, executionId);
        }

        _daySuccess.Execute(playbookId, executionId, day);
    }

    private (long Watermark, FoldOutcome? Previous, string PreviousSteps) ReadFold(string executionId)
    {
        using var reader = _selectFold.Query(executionId);
        return reader.Read()
            ? (reader.GetInt64(0), JsonSerializer.Deserialize(reader.GetString(1), MemoryJsonContext.Default.FoldOutcome), reader.GetString(2))
            : (0, null, "[]");
    }

    /// <summary>The steps' outcomes, computed by the database from the final step states (one statement, however many steps).</summary>
    private string StepsOf(string executionId)
    {
        using var reader = _selectSteps.Query(executionId);
        return reader.Read() && !reader.IsDBNull(0) ? reader.GetString(0) : "[]";
    }

    private static FoldOutcome OutcomeOf(ExecutionRecord execution, long day)
    {
        var started = execution.StartedAt ?? execution.CreatedAt;
        return new FoldOutcome
        {
            PlaybookId = execution.PlaybookId,
            Day = day,
            Status = History.Rows.StoredValues.Name(execution.Status),
            // In whole milliseconds, as stored: a live fold (times from the run) and a backfill (times read back) agree.
            DurationMs = execution.EndedAt is { } end ? Math.Max(0, end.ToUnixTimeMilliseconds() - started.ToUnixTimeMilliseconds()) : null,
            IncidentType = IncidentTypes.Of(execution.IncidentJson),
        };
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes back (-1) an execution's outcome.</summary>
    private void ApplyOutcome(FoldOutcome outcome, string steps, int sign, long? endedMs)
    {
        int Is(string status) => outcome.Status == status ? sign : 0;
        var completed = Is("completed");
        var completedMs = completed != 0 ? sign * (outcome.DurationMs ?? 0) : 0;
        _playbookDay.Execute(
            outcome.PlaybookId, outcome.Day, sign, completed, Is("failed"), Is("cancelled"), Is("rolled_back"), Is(RunVerdict.Rejected), Is(RunVerdict.Refused), completedMs,
            endedMs, completed != 0 ? endedMs : null);
        if (outcome.DurationMs is { } ms)
        {
            AddDuration(outcome.PlaybookId, "", outcome.Day, DurationHistogram.Bucket(ms), sign);
        }

        if (outcome.IncidentType is { } type)
        {
            _incidentDay.Execute(outcome.PlaybookId, type, outcome.Day, sign, completed, Is("cancelled"), Is(RunVerdict.Rejected), Is(RunVerdict.Refused));
        }

        _applySteps.Execute(outcome.PlaybookId, outcome.Day, sign, steps);
    }

    /// <summary>Counts durations in a bucket, for its day and for all time.</summary>
    private void AddDuration(string playbookId, string stepId, long day, int bucket, int count)
    {
        _duration.Execute(playbookId, stepId, day, bucket, count);
        _durationTotal.Execute(playbookId, stepId, bucket, count);
    }

    private void Run(string sql) => _connection.RunSql(sql);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The learning memory could not fold execution {ExecutionId}: {Reason}; its history is intact, its aggregates left as they were")]
    private static partial void LogFoldFailed(ILogger logger, string executionId, string reason);
}
