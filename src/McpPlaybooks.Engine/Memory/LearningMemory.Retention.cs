using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Memory;

/// <summary>Retention: pruning the attempts and logs of old finished executions, by hand or on a timer.</summary>
public sealed partial class LearningMemory
{
    /// <summary>How often the engine prunes when <c>EngineOptions.RetainAttemptsFor</c> is set.</summary>
    internal static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private ITimer? retentionTimer;

    /// <summary>
    /// Deletes the step attempts and logs of finished, folded executions that ended before <paramref name="olderThan"/>;
    /// the executions' rows and every aggregate stay, so metrics and insights do not change. An execution that is not
    /// finished, or whose attempts are not all folded (a dry run, or finished while the memory was off), keeps everything.
    /// </summary>
    public Task<PruneResult> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cut = olderThan.ToUnixTimeMilliseconds();
        return history.WriteOnConnectionAsync("prune", connection => Prune(connection, cut));
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

    private static PruneResult Prune(SqliteConnection connection, long cut)
    {
        var ids = new List<string>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT e.id FROM executions e JOIN memory_folds f ON f.execution_id = e.id
                WHERE e.ended_at IS NOT NULL AND e.ended_at < @cut AND e.dry_run = 0
                    AND e.status IN ('completed', 'failed', 'cancelled', 'rolled_back')
                    AND f.last_attempt_id >= coalesce((SELECT max(a.id) FROM step_attempts a WHERE a.execution_id = e.id AND a.kind = 'step'), 0)
                    AND (EXISTS (SELECT 1 FROM step_attempts a WHERE a.execution_id = e.id) OR EXISTS (SELECT 1 FROM logs l WHERE l.execution_id = e.id))
                """;
            select.Parameters.AddWithValue("@cut", cut);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        int attempts = 0, logs = 0;
        using var deleteAttempts = connection.CreateCommand();
        deleteAttempts.CommandText = "DELETE FROM step_attempts WHERE execution_id = @id";
        var attemptId = deleteAttempts.Parameters.Add(new SqliteParameter("@id", ""));
        using var deleteLogs = connection.CreateCommand();
        deleteLogs.CommandText = "DELETE FROM logs WHERE execution_id = @id";
        var logId = deleteLogs.Parameters.Add(new SqliteParameter("@id", ""));
        foreach (var id in ids)
        {
            attemptId.Value = id;
            logId.Value = id;
            attempts += deleteAttempts.ExecuteNonQuery();
            logs += deleteLogs.ExecuteNonQuery();
        }

        return new PruneResult(ids.Count, attempts, logs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention pruned the attempts and logs of {Executions} old executions ({Attempts} attempts, {Logs} log lines)")]
    private static partial void LogPruned(ILogger logger, int executions, int attempts, int logs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not prune the history: {Reason}")]
    private static partial void LogPruneFailed(ILogger logger, string reason);
}
