using System.Threading.Channels;
using Dapper;
using McpPlaybooks.Engine.History.Schema;
using McpPlaybooks.Engine.History.Writes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The one writer: a loop that takes every batch queued so far (up to <see cref="MaxBatchesPerTransaction"/>), commits
/// them in one <c>BEGIN IMMEDIATE</c> transaction (group commit), then completes each caller's task.
/// When such a transaction fails because of one write's data (a constraint), the batches are committed again one by
/// one, so only the bad batch fails; when it fails because of the database (disk full, permissions, lock), every
/// batch of the group fails with that reason. The loop itself never stops until disposed.
/// </summary>
internal sealed class HistoryWriter : IAsyncDisposable
{
    public const int MaxBatchesPerTransaction = 256;

    private static readonly TimeSpan SlowCommit = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection connection;
    private readonly string path;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;
    private readonly WriterStatements statements;
    private long committedTransactions;

    public HistoryWriter(SqliteConnection connection, string path, TimeProvider time, ILogger logger)
    {
        this.connection = connection;
        this.path = path;
        this.time = time;
        this.logger = logger;
        statements = new WriterStatements(connection);
        loop = Task.Run(RunAsync);
    }

    public long CommittedTransactions => Interlocked.Read(ref committedTransactions);

    /// <summary>Queues a batch; the task completes once it is committed. Throws when the writer is closing.</summary>
    public Task EnqueueAsync(IReadOnlyList<HistoryWrite> writes) => Enqueue(PendingWrite.ForWrites(writes));

    /// <summary>Runs <paramref name="action"/> on the writer's connection, between transactions (a test hook).</summary>
    public Task RunOnWriterAsync(Action<SqliteConnection> action) => Enqueue(PendingWrite.ForControl(action));

    /// <summary>Commits what is queued, stops the loop and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        try
        {
            connection.Execute("PRAGMA optimize");
        }
        catch (SqliteException exception)
        {
            HistoryLog.CleanupFailed(logger, path, exception.Message);
        }

        statements.Dispose();
        await connection.DisposeAsync();
    }

    private Task Enqueue(PendingWrite pending) =>
        queue.Writer.TryWrite(pending)
            ? pending.Completion.Task
            : throw new ObjectDisposedException(nameof(HistoryStore), $"The history at '{path}' is closed.");

    private async Task RunAsync()
    {
        var group = new List<PendingWrite>(MaxBatchesPerTransaction);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxBatchesPerTransaction && queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            Process(group);
            group.Clear();
        }
    }

    /// <summary>Commits runs of write batches together; a control action runs alone, between them.</summary>
    private void Process(List<PendingWrite> group)
    {
        var start = 0;
        for (var i = 0; i <= group.Count; i++)
        {
            if (i < group.Count && group[i].Control is null)
            {
                continue;
            }

            if (i > start)
            {
                CommitGroup(group.GetRange(start, i - start));
            }

            if (i < group.Count)
            {
                RunControl(group[i]);
            }

            start = i + 1;
        }
    }

    private void CommitGroup(List<PendingWrite> batches)
    {
        try
        {
            Commit(batches);
            batches.ForEach(pending => pending.Completion.TrySetResult());
        }
        catch (Exception exception) when (batches.Count > 1 && HistoryErrors.IsCausedByData(exception))
        {
            HistoryLog.RetryingAlone(logger, batches.Count, path, exception.Message);
            foreach (var pending in batches)
            {
                CommitAlone(pending);
            }
        }
        catch (Exception exception)
        {
            batches.ForEach(pending => Fail(pending, exception));
        }
    }

    private void CommitAlone(PendingWrite pending)
    {
        try
        {
            Commit([pending]);
            pending.Completion.TrySetResult();
        }
        catch (Exception exception)
        {
            Fail(pending, exception);
        }
    }

    private void Commit(List<PendingWrite> batches)
    {
        var started = time.GetTimestamp();
        DatabaseSetup.RollbackIfOpen(connection);
        statements.Begin();
        try
        {
            foreach (var pending in batches)
            {
                foreach (var write in pending.Writes)
                {
                    statements.Apply(write);
                }
            }

            statements.Commit();
        }
        catch
        {
            TryRollback();
            throw;
        }

        Interlocked.Increment(ref committedTransactions);
        var elapsed = time.GetElapsedTime(started);
        if (elapsed > SlowCommit)
        {
            HistoryLog.SlowCommit(logger, batches.Count, path, (long)elapsed.TotalMilliseconds);
        }
    }

    private void TryRollback()
    {
        try
        {
            DatabaseSetup.RollbackIfOpen(connection);
        }
        catch (SqliteException exception)
        {
            // The next BEGIN IMMEDIATE rolls back again first; the original error is the one to report.
            HistoryLog.CleanupFailed(logger, path, "rollback failed: " + exception.Message);
        }
    }

    private void RunControl(PendingWrite pending)
    {
        try
        {
            pending.Control!(connection);
            pending.Completion.TrySetResult();
        }
        catch (Exception exception)
        {
            pending.Completion.TrySetException(exception);
        }
    }

    private void Fail(PendingWrite pending, Exception exception)
    {
        var error = HistoryErrors.From(exception, path, pending.Describe());
        HistoryLog.WriteFailed(logger, error.Message);
        pending.Completion.TrySetException(error);
    }
}
