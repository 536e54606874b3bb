using System.Data.Common;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Writes;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The one writer, with group commit and no thread hop when it is idle. A caller that finds the writer idle
/// becomes its leader: it commits its own batch on its own thread, together with whatever other callers
/// queued meanwhile (up to <see cref="MaxBatchesPerTransaction"/> per transaction, begun with the dialect's <see cref="SqlDialect.BeginWrite"/>),
/// and completes their tasks. A caller that finds a leader at work only queues its batch and awaits it.
/// A leader that still finds work after a few transactions hands the rest to a pool thread, so no caller
/// is held for long by others' writes.
/// When a transaction fails because of one write's data (a constraint: <see cref="StoreFailure.Data"/> by the dialect's
/// <see cref="SqlDialect.Classify"/>), the batches are committed again one by one, so only the bad batch fails; when it
/// fails because of the database (disk full, permissions, lock), every batch of the group fails with that reason. When the
/// connection to a database server is lost, the batches wait instead, and the writer reconnects (<c>HistoryWriter.Reconnect.cs</c>).
/// </summary>
internal sealed partial class HistoryWriter : IAsyncDisposable
{
    public const int MaxBatchesPerTransaction = 256;

    /// <summary>Transactions a caller commits for others before it hands the queue to a pool thread.</summary>
    private const int LeaderRounds = 4;

    private static readonly TimeSpan SlowCommit = TimeSpan.FromSeconds(1);

    private readonly SqlDialect dialect;
    private readonly string path;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Queue<PendingWrite> queue = new();
    private readonly TaskCompletionSource idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int? killAfterCommits;
    private readonly SqliteWalCheckpointer? checkpointer;
    private DbConnection connection;
    private WriterStatements statements;
    private long stateChanges;
    private bool leading;
    private bool closed;
    private long committedTransactions;

    /// <param name="killAfterCommits">Test only (crash tests): SIGKILL this process right after that many committed state changes (lease operations not counted).</param>
    /// <param name="reconnection">How to get a lost connection back (a database server); null for a file.</param>
    /// <param name="checkpointer">Checkpoints the write-ahead log beside the commits (a SQLite file); null for a database server.</param>
    public HistoryWriter(DbConnection connection, SqlDialect dialect, string path, TimeProvider time, ILogger logger, int? killAfterCommits = null, WriterReconnection? reconnection = null, SqliteWalCheckpointer? checkpointer = null)
    {
        this.checkpointer = checkpointer;
        this.reconnection = reconnection;
        this.killAfterCommits = killAfterCommits;
        this.connection = connection;
        this.dialect = dialect;
        this.path = path;
        this.time = time;
        this.logger = logger;
        statements = new WriterStatements(connection, dialect);
        backendProcess = reconnection?.ProcessId(connection) ?? 0;
    }

    public long CommittedTransactions => Interlocked.Read(ref committedTransactions);

    /// <summary>Checkpoints of the write-ahead log run beside the commits (<see cref="SqliteWalCheckpointer"/>); 0 on a database server.</summary>
    public long Checkpoints => checkpointer?.Checkpoints ?? 0;

    /// <summary>Checkpoints that restarted the write-ahead log from its beginning; 0 on a database server.</summary>
    public long LogRestarts => checkpointer?.Restarts ?? 0;

    /// <summary>Whether finished executions are folded into the learning memory; set before the first write.</summary>
    public bool FoldsMemory
    {
        get => statements.FoldsMemory;
        set => statements.FoldsMemory = value;
    }

    /// <summary>
    /// Queues a batch; the task completes once it is committed. Throws when the writer is closing. A start's batch carries its
    /// <paramref name="claim"/>: when it no longer holds in the transaction, the batch is not applied and faults with
    /// <see cref="Starts.StartOvertakenException"/>.
    /// </summary>
    public Task EnqueueAsync(IReadOnlyList<HistoryWrite> writes, RunFence? fence = null, Starts.StartClaim? claim = null) => Enqueue(PendingWrite.ForWrites(writes, fence, claim));

    /// <summary>
    /// Runs <paramref name="operation"/> in its own write transaction on the writer's connection, in turn
    /// with the group commits, and returns its result once committed. Faults with <see cref="HistoryWriteException"/>.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(string name, Func<WriterStatements, T> operation)
    {
        var pending = PendingWrite.ForOperation(name, statements => operation(statements));
        await Enqueue(pending).ConfigureAwait(false);
        return (T)pending.Result!;
    }

    /// <summary>Runs <paramref name="action"/> on the writer's connection, between transactions (a test hook).</summary>
    public Task RunOnWriterAsync(Action<DbConnection> action) => Enqueue(PendingWrite.ForControl(action));

    /// <summary>Holds the writer as if a leader were at work, so writes queue up (a test hook for group commit).</summary>
    internal IDisposable Pause()
    {
        lock (gate)
        {
            if (leading)
            {
                throw new InvalidOperationException("the writer is busy");
            }

            leading = true;
        }

        return new WriterResume(() => Drain(int.MaxValue, release: true));
    }

    /// <summary>Commits what is queued, stops taking writes and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        bool wait;
        lock (gate)
        {
            closed = true;
            wait = leading;
            if (!wait)
            {
                leading = true;
            }
        }

        if (wait)
        {
            await idle.Task.ConfigureAwait(false);
        }

        while (!Drain(rounds: int.MaxValue, release: false))
        {
            await RecoverAsync().ConfigureAwait(false);
        }

        checkpointer?.Dispose();
        try
        {
            if (dialect.OnWriterClosing is { } closing)
            {
                connection.RunSql(closing);
            }
        }
        catch (DbException exception)
        {
            HistoryLog.CleanupFailed(logger, path, exception.Message);
        }

        statements.Dispose();
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private Task Enqueue(PendingWrite pending)
    {
        lock (gate)
        {
            if (closed)
            {
                throw new ObjectDisposedException(nameof(HistoryStore), $"The history at '{path}' is closed.");
            }

            queue.Enqueue(pending);
            if (leading)
            {
                return pending.Completion.Task;
            }

            leading = true;
        }

        Drain(LeaderRounds, release: true);
        return pending.Completion.Task;
    }

    /// <summary>
    /// Commits queued batches, one transaction per group, for up to <paramref name="rounds"/> groups; then,
    /// when work remains, hands the lead to a pool thread. <paramref name="release"/> gives up the lead at the end.
    /// Returns false, still leading, when the connection is lost and <paramref name="release"/> is false (the caller
    /// reconnects); with <paramref name="release"/>, a pool thread reconnects and goes on.
    /// </summary>
    private bool Drain(int rounds, bool release)
    {
        var group = new List<PendingWrite>(MaxBatchesPerTransaction);
        for (var round = 0; ; round++)
        {
            lock (gate)
            {
                if (queue.Count == 0 && held.Count == 0)
                {
                    if (release)
                    {
                        leading = false;
                        if (closed)
                        {
                            idle.TrySetResult();
                        }
                    }

                    return true;
                }

                if (outage is not null)
                {
                    if (release)
                    {
                        _ = Task.Run(RecoverThenDrainAsync);
                    }

                    return false;
                }

                if (round >= rounds)
                {
                    _ = Task.Run(() => Drain(int.MaxValue, release: true));
                    return true;
                }

                TakeHeld(group);
                while (group.Count < MaxBatchesPerTransaction && queue.TryDequeue(out var pending))
                {
                    group.Add(pending);
                }
            }

            Process(group);
            group.Clear();
        }
    }

    /// <summary>
    /// Commits runs of write batches together; a control action or an operation runs alone, between them. When the
    /// connection is lost, what the group has not finished waits, in order, for the next connection.
    /// </summary>
    private void Process(List<PendingWrite> group)
    {
        var start = 0;
        for (var i = 0; i <= group.Count && outage is null; i++)
        {
            if (i < group.Count && !group[i].RunsAlone)
            {
                continue;
            }

            if (i > start)
            {
                CommitGroup(group.GetRange(start, i - start));
            }

            if (i < group.Count && outage is null)
            {
                RunAlone(group[i]);
            }

            start = i + 1;
        }

        if (outage is not null)
        {
            Hold(group);
        }
    }
}
