using System.Data.Common;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Memory;

/// <summary>Retention: pruning the attempts and logs of old finished executions, by hand or on a timer.</summary>
public sealed partial class LearningMemory
{
    /// <summary>How often the engine prunes when <c>EngineOptions.RetainAttemptsFor</c> is set.</summary>
    internal static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    /// <summary>The executions pruned in one writer transaction, so that a large backlog never holds the writer long.</summary>
    internal const int PruneBatch = 200;

    private ITimer? retentionTimer;

    /// <summary>
    /// Deletes the step attempts and logs of finished, folded executions that ended before <paramref name="olderThan"/>;
    /// the executions' rows and every aggregate stay, so metrics and insights do not change. An execution that is not
    /// finished, or whose attempts are not all folded (a dry run, or finished while the memory was off), keeps everything.
    /// Works in transactions of <see cref="PruneBatch"/> executions, and marks each pruned execution in
    /// <c>memory_folds.pruned_at</c>, so that it is not looked at again.
    /// </summary>
    public Task<PruneResult> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        PruneAsync(olderThan, PruneBatch, cancellationToken);

    /// <summary>As <see cref="PruneAsync(DateTimeOffset, CancellationToken)"/>, <paramref name="batch"/> executions per transaction.</summary>
    internal async Task<PruneResult> PruneAsync(DateTimeOffset olderThan, int batch, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var cut = olderThan.ToUnixTimeMilliseconds();
        var total = new PruneResult(0, 0, 0);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var (result, candidates) = await history.WriteOnConnectionAsync("prune", connection => Prune(connection, history.Dialect, cut, batch, now)).ConfigureAwait(false);
            total = new PruneResult(total.Executions + result.Executions, total.Attempts + result.Attempts, total.Logs + result.Logs);
            if (candidates < batch)
            {
                return total;
            }
        }
    }

    /// <summary>Prunes now and then every <see cref="PruneInterval"/>, keeping <paramref name="retain"/> of history.</summary>
    internal void StartRetention(TimeSpan retain)
    {
        retentionTimer = time.CreateTimer(_ => _ = PruneOnTimerAsync(retain), null, TimeSpan.Zero, PruneInterval);
    }

    internal async ValueTask StopRetentionAsync()
    {
        if (retentionTimer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task PruneOnTimerAsync(TimeSpan retain)
    {
        try
        {
            var result = await PruneAsync(time.GetUtcNow() - retain, CancellationToken.None).ConfigureAwait(false);
            if (result.Executions > 0)
            {
                LogPruned(logger, result.Executions, result.Attempts, result.Logs);
            }
        }
        catch (Exception exception) when (exception is History.HistoryWriteException or ObjectDisposedException)
        {
            LogPruneFailed(logger, exception.Message);
        }
    }

    /// <summary>One batch: the pruning done (executions that had attempts or logs) and how many candidates it marked.</summary>
    private static (PruneResult Result, int Candidates) Prune(DbConnection connection, SqlDialect dialect, long cut, int batch, long now)
    {
        var ids = new List<string>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = $"""
                SELECT e.id FROM memory_folds f JOIN executions e ON e.id = f.execution_id
                WHERE f.pruned_at IS NULL AND e.ended_at IS NOT NULL AND e.ended_at < @cut AND e.dry_run = {dialect.Flag(false)}
                    AND e.status IN ('completed', 'failed', 'cancelled', 'rolled_back')
                    AND f.last_attempt_id >= coalesce((SELECT max(a.id) FROM step_attempts a WHERE a.execution_id = e.id AND a.kind = 'step'), 0)
                LIMIT @batch
                """;
            select.AddParameter("cut", cut);
            select.AddParameter("batch", batch);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        int executions = 0, attempts = 0, logs = 0;
        using var deleteAttempts = connection.CreateCommand();
        deleteAttempts.CommandText = "DELETE FROM step_attempts WHERE execution_id = @id";
        var attemptId = deleteAttempts.AddParameter("id", "");
        using var deleteLogs = connection.CreateCommand();
        deleteLogs.CommandText = "DELETE FROM logs WHERE execution_id = @id";
        var logId = deleteLogs.AddParameter("id", "");
        using var mark = connection.CreateCommand();
        mark.CommandText = "UPDATE memory_folds SET pruned_at = @now WHERE execution_id = @id";
        mark.AddParameter("now", now);
        var markId = mark.AddParameter("id", "");
        foreach (var id in ids)
        {
            attemptId.Value = id;
            logId.Value = id;
            markId.Value = id;
            var deleted = (Attempts: deleteAttempts.ExecuteNonQuery(), Logs: deleteLogs.ExecuteNonQuery());
            attempts += deleted.Attempts;
            logs += deleted.Logs;
            executions += deleted.Attempts + deleted.Logs > 0 ? 1 : 0;
            mark.ExecuteNonQuery();
        }

        return (new PruneResult(executions, attempts, logs), ids.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention pruned the attempts and logs of {Executions} old executions ({Attempts} attempts, {Logs} log lines)")]
    private static partial void LogPruned(ILogger logger, int executions, int attempts, int logs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not prune the history: {Reason}")]
    private static partial void LogPruneFailed(ILogger logger, string reason);
}
