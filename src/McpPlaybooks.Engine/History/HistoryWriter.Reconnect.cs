using System.Data.Common;
using System.Globalization;
using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// A lost connection (a database server's; a file does not disconnect). The transaction it cut off and every write after it
/// wait, in order, while the writer opens a new connection (100 ms doubling to 5 s between attempts). A transaction lost
/// before its COMMIT was sent rolled back: it runs again. One lost while committing is looked up by its id: committed, its
/// batches complete; rolled back, it runs again. Its statements, bound to the old connection, are dropped with it; the
/// fence is in the SQL, so it holds on the new one. After <see cref="ReconnectFor"/> the waiting writes fail with one
/// <see cref="HistoryWriteException"/>; each later write tries one connection.
/// </summary>
internal sealed partial class HistoryWriter
{
    private readonly WriterReconnection? reconnection;
    private readonly List<PendingWrite> held = [];
    private WriterOutage? outage;
    private int backendProcess;

    /// <summary>How long writes wait for a lost connection before they fail (a database server only).</summary>
    public TimeSpan ReconnectFor
    {
        get => reconnection?.GiveUpAfter ?? TimeSpan.Zero;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            if (reconnection is not null)
            {
                reconnection.GiveUpAfter = value;
            }
        }
    }

    /// <summary>
    /// As <see cref="InTransaction"/>, on a connection that can be lost: the transaction begins with its id, and a failure that
    /// lost the connection throws <see cref="WriterConnectionLost"/> (no rollback: the server rolls back what it did not commit).
    /// </summary>
    private object? InTrackedTransaction(bool stateChange, Func<object?> body)
    {
        string? transactionId = null;
        var committing = false;
        object? result = null;
        try
        {
            if (mayBeInTransaction)
            {
                dialect.RollbackIfOpen(connection);
            }

            mayBeInTransaction = true;
            transactionId = reconnection!.BeginTracked(connection);
            result = body();
            committing = true;
            statements.Commit();
        }
        catch (Exception exception) when (reconnection!.IsLost(connection))
        {
            throw new WriterConnectionLost(exception, committing, transactionId, backendProcess, result);
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

    /// <summary>Starts an outage (when none is under way); <paramref name="batches"/> wait, in doubt when the COMMIT was on its way.</summary>
    private void Lose(WriterConnectionLost lost, IReadOnlyList<PendingWrite> batches, Action completeAsCommitted)
    {
        var cause = reconnection!.Cause(lost.InnerException ?? lost);
        if (outage is null)
        {
            outage = new WriterOutage(time.GetTimestamp(), cause) { LastError = lost.InnerException };
            ReconnectLog.Lost(logger, path, cause, (long)ReconnectFor.TotalSeconds);
        }

        if (lost.TransactionId is { } id && batches.Count > 0)
        {
            // Even one lost before its COMMIT may linger in a process that has not noticed (a network cut), holding its locks.
            outage.Doubt = new InDoubtCommit(id, lost.ProcessId, batches, lost.Committing ? completeAsCommitted : () => { });
        }
    }

    /// <summary>Puts what <paramref name="group"/> did not finish back at the head of the queue, in order.</summary>
    private void Hold(List<PendingWrite> group)
    {
        lock (gate)
        {
            held.InsertRange(0, group.Where(pending => !pending.Completion.Task.IsCompleted));
        }
    }

    /// <summary>Moves the held batches (under <see cref="gate"/>) into <paramref name="group"/> ahead of the queue.</summary>
    private void TakeHeld(List<PendingWrite> group)
    {
        group.AddRange(held.Where(pending => !pending.Completion.Task.IsCompleted));
        held.Clear();
    }

    private async Task RecoverThenDrainAsync()
    {
        await RecoverAsync().ConfigureAwait(false);
        Drain(int.MaxValue, release: true);
    }

    /// <summary>
    /// Opens connections until one answers (settling a transaction in doubt on it), or gives up: after <see cref="ReconnectFor"/>,
    /// or at the first failure once given up. Runs as the leader; completes without throwing.
    /// </summary>
    private async Task RecoverAsync()
    {
        var lost = outage!;
        while (true)
        {
            lost.Attempts++;
            DbConnection? fresh = null;
            try
            {
                fresh = await reconnection!.OpenAsync(CancellationToken.None).ConfigureAwait(false);
                if (await SettledAsync(lost, fresh).ConfigureAwait(false))
                {
                    Swap(fresh);
                    outage = null;
                    int waiting;
                    lock (gate)
                    {
                        waiting = held.Count(pending => !pending.Completion.Task.IsCompleted) + queue.Count;
                    }

                    ReconnectLog.Reconnected(logger, path, lost.Attempts, time.GetElapsedTime(lost.StartedAt).TotalSeconds, waiting);
                    return;
                }
            }
            catch (Exception exception)
            {
                lost.Cause = reconnection!.Cause(exception);
                lost.LastError = exception;
            }

            if (fresh is not null)
            {
                await fresh.DisposeAsync().ConfigureAwait(false);
            }

            if (lost.GaveUp || time.GetElapsedTime(lost.StartedAt) >= ReconnectFor)
            {
                GiveUp(lost);
                return;
            }

            // The last attempt is made at the bound, not after it: the wait never runs past what is left.
            var left = ReconnectFor - time.GetElapsedTime(lost.StartedAt);
            var wait = WriterBackoff.After(lost.Attempts, Random.Shared);
            await Task.Delay(wait < left ? wait : left, time).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the transaction in doubt (if any) is settled, asked on <paramref name="fresh"/>; false to ask again later.</summary>
    private async Task<bool> SettledAsync(WriterOutage lost, DbConnection fresh)
    {
        if (lost.Doubt is not { } doubt)
        {
            return true;
        }

        var outcome = await reconnection!.OutcomeAsync(fresh, doubt.TransactionId, doubt.ProcessId, CancellationToken.None).ConfigureAwait(false);
        if (outcome == CommitOutcome.InProgress)
        {
            lost.Cause = $"transaction {doubt.TransactionId} was still open in server process {doubt.ProcessId}, which was asked to end";
            return false;
        }

        lost.Doubt = null;
        ReconnectLog.InDoubt(logger, path, doubt.TransactionId, outcome switch
        {
            CommitOutcome.Committed => "committed: its writes are kept, not written again",
            CommitOutcome.RolledBack => "rolled back: it runs again",
            _ => "is too old to tell: it runs again",
        });
        if (outcome == CommitOutcome.Committed)
        {
            doubt.CompleteAsCommitted();
        }

        return true;
    }

    /// <summary>Drops the lost connection and its statements, and takes <paramref name="fresh"/> in their place.</summary>
    private void Swap(DbConnection fresh)
    {
        var folds = statements.FoldsMemory;
        statements.Dispose();
        connection.Dispose();
        connection = fresh;
        statements = new WriterStatements(fresh, dialect) { FoldsMemory = folds };
        backendProcess = reconnection!.ProcessId(fresh);
        mayBeInTransaction = false;
    }

    /// <summary>Fails every waiting write with one message; later writes each try one connection.</summary>
    private void GiveUp(WriterOutage lost)
    {
        var waiting = new List<PendingWrite>();
        lock (gate)
        {
            TakeHeld(waiting);
            waiting.AddRange(queue);
            queue.Clear();
        }

        var seconds = time.GetElapsedTime(lost.StartedAt).TotalSeconds;
        if (lost.GaveUp)
        {
            ReconnectLog.StillLost(logger, path, lost.Cause, waiting.Count);
        }
        else
        {
            ReconnectLog.GaveUp(logger, path, seconds, lost.Attempts, lost.Cause, waiting.Count);
        }

        foreach (var pending in waiting)
        {
            var inDoubt = lost.Doubt?.Batches.Contains(pending) == true;
            pending.Completion.TrySetException(GaveUpError(lost, pending, inDoubt));
        }

        lost.Doubt = null;
        lost.GaveUp = true;
    }

    private HistoryWriteException GaveUpError(WriterOutage lost, PendingWrite pending, bool inDoubt)
    {
        var stored = inDoubt
            ? "the database could not be asked whether it was stored: look at the execution once the database is back"
            : "nothing of this write was stored";
        // The bound, not the time measured: what the operator set, and what the setting to raise is.
        var bound = ReconnectFor.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var tried = lost.GaveUp ? $"within {bound} s, nor again for this write " : $"within {bound} s ";
        var message = $"The connection to the history database '{path}' was lost and could not be made again {tried}"
            + $"({lost.Attempts} attempts; last error: {lost.Cause}): {pending.Describe()} failed; {stored}. "
            + "Check that the database server is up and reachable; the next write tries to reconnect.";
        return new HistoryWriteException(message, path, null, lost.LastError, StoreFailure.ConnectionLost);
    }
}
