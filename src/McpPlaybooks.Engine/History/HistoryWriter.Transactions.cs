using System.Data.Common;

namespace McpPlaybooks.Engine.History;

/// <summary>The writer's transactions: a group of batches, one batch alone, or an operation with a result.</summary>
internal sealed partial class HistoryWriter
{
    /// <summary>
    /// Whether a transaction may still be open on the connection (at the start, after a failed rollback, after a control
    /// action): only then does the next transaction roll back first, which on PostgreSQL is a round trip of its own.
    /// </summary>
    private bool mayBeInTransaction = true;

    private void CommitGroup(List<PendingWrite> batches)
    {
        var refused = new Dictionary<PendingWrite, HistoryWriteException>();
        var adopted = new List<(string Id, long Epoch)>();
        try
        {
            Commit(batches, refused, adopted);
            Complete(batches, refused);
        }
        catch (WriterConnectionLost lost)
        {
            Lose(lost, batches, () =>
            {
                Committed(stateChange: true);
                Adopt(adopted);
                Complete(batches, refused);
            });
        }
        catch (Exception exception) when (batches.Count > 1 && HistoryErrors.IsCausedByData(exception, dialect))
        {
            HistoryLog.RetryingAlone(logger, batches.Count, path, exception.Message);
            foreach (var pending in batches.TakeWhile(_ => outage is null))
            {
                CommitGroup([pending]);
            }
        }
        catch (Exception exception)
        {
            batches.ForEach(pending => Fail(pending, exception));
        }
    }

    private void Complete(List<PendingWrite> batches, Dictionary<PendingWrite, HistoryWriteException> refused)
    {
        foreach (var pending in batches)
        {
            if (refused.TryGetValue(pending, out var refusal))
            {
                Refuse(pending, refusal);
            }
            else
            {
                pending.Completion.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Commits the batches in one transaction, except those whose fence refuses them or whose start's claim no longer holds
    /// (noted in <paramref name="refused"/>, with why); <paramref name="adopted"/> holds the leases of new executions, adopted
    /// here once committed.
    /// </summary>
    private void Commit(List<PendingWrite> batches, Dictionary<PendingWrite, HistoryWriteException> refused, List<(string Id, long Epoch)> adopted)
    {
        var started = time.GetTimestamp();
        InTransaction(stateChange: true, () =>
        {
            refused.Clear();
            adopted.Clear();
            statements.ResetFolds();
            statements.Starts.Lock(batches);
            foreach (var pending in batches)
            {
                if (pending.Claim is { } claim && statements.Starts.Broken(claim) is { } broken)
                {
                    refused[pending] = new Starts.StartOvertakenException(path, claim, broken);
                    continue;
                }

                if (CheckFences(pending, adopted) is { } refusal)
                {
                    refused[pending] = refusal;
                    continue;
                }

                foreach (var write in pending.Writes)
                {
                    statements.Apply(write);
                }
            }

            // The learning memory, in the same transaction as the final status it folds.
            statements.FoldFinished(time.GetUtcNow(), logger);
            return null;
        });

        Adopt(adopted);
        var elapsed = time.GetElapsedTime(started);
        if (elapsed > SlowCommit)
        {
            HistoryLog.SlowCommit(logger, batches.Count, path, (long)elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a write transaction (<c>BEGIN IMMEDIATE</c> on SQLite) and commits it; rolls back when it throws.
    /// <paramref name="stateChange"/>: the writes of executions (not a lease operation or an append with a result).
    /// </summary>
    private object? InTransaction(bool stateChange, Func<object?> body)
    {
        if (reconnection is not null)
        {
            return InTrackedTransaction(stateChange, body);
        }

        if (mayBeInTransaction)
        {
            dialect.RollbackIfOpen(connection);
        }

        mayBeInTransaction = true;
        statements.Begin();
        object? result;
        try
        {
            result = body();
            statements.Commit();
        }
        catch
        {
            TryRollback();
            throw;
        }

        mayBeInTransaction = false;
        Committed(stateChange);
        return result;
    }

    /// <summary>
    /// Counts a committed transaction; the crash tests' hook kills the process here, before any caller hears of it,
    /// counting state changes only: lease renewals tick on a clock, so counting them would move the kill points.
    /// </summary>
    private void Committed(bool stateChange)
    {
        Interlocked.Increment(ref committedTransactions);
        if (stateChange && killAfterCommits is { } limit && Interlocked.Increment(ref stateChanges) >= limit)
        {
            // SIGKILL on Linux: no finalizer, no flush, no dispose runs, as in a real crash.
            System.Diagnostics.Process.GetCurrentProcess().Kill();
            Environment.FailFast("The test hook killAfterCommits could not kill the process.");
        }

        checkpointer?.Committed(connection);
    }

    private void TryRollback()
    {
        try
        {
            dialect.RollbackIfOpen(connection);
            mayBeInTransaction = false;
        }
        catch (DbException exception)
        {
            // The next transaction rolls back again first; the original error is the one to report.
            HistoryLog.CleanupFailed(logger, path, "rollback failed: " + exception.Message);
        }
    }

    private void RunAlone(PendingWrite pending)
    {
        try
        {
            if (pending.Operation is { } operation)
            {
                pending.Result = InTransaction(stateChange: false, () => operation(statements));
            }
            else
            {
                // A control action runs its own SQL on the connection: the next transaction checks first.
                mayBeInTransaction = true;
                pending.Control!(connection);
            }

            pending.Completion.TrySetResult();
        }
        catch (WriterConnectionLost lost)
        {
            Lose(lost, [pending], () =>
            {
                Committed(stateChange: false);
                pending.Result = lost.Result;
                pending.Completion.TrySetResult();
            });
        }
        catch (Exception exception) when (pending.Operation is not null)
        {
            Fail(pending, exception);
        }
        catch (Exception exception)
        {
            // A control action that lost the connection fails; the writes after it wait for a new one.
            if (reconnection is not null && reconnection.IsLost(connection))
            {
                Lose(new WriterConnectionLost(exception, committing: false, null, backendProcess, null), [], () => { });
            }

            pending.Completion.TrySetException(exception);
        }
    }

    private void Fail(PendingWrite pending, Exception exception)
    {
        var error = HistoryErrors.From(exception, path, pending.Describe(), dialect);
        HistoryLog.WriteFailed(logger, error.Message);
        pending.Completion.TrySetException(error);
    }
}
