using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.History.Dialect;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file (a checkpoint) on a thread of its own, so that no commit
/// waits for it. Left to SQLite, the commit that finds the log past <c>wal_autocheckpoint</c> pages runs the checkpoint
/// itself: a no-op step waited ~95 ms for one every few thousand steps, and every writer with it. Here, every
/// <see cref="CommitsPerCheckpoint"/> commits start a <c>PASSIVE</c> checkpoint on a connection of its own, which never takes
/// the write lock: commits go on beside it, and the log restarts from its beginning once it has been copied whole. The
/// writer's own automatic checkpoint stays, as a backstop, for a log that grows past it all the same.
/// <para>
/// Under writes that never pause, a passive checkpoint seldom finds the log copied whole, and the log does not restart: it
/// grew to 11,078 frames (45 MB) while 10,000 executions were started, and a crash leaves it for the next start to read
/// whole (35-50 ms before that server answered its first message). Past <see cref="RestartAfterFrames"/>, the checkpoint
/// copies what came meanwhile, then asks the writer to restart the log (<c>RESTART</c>) after its next commit, between two
/// transactions: the write lock is free then, only the pages of a few commits are left to copy, and readers still on the
/// log are waited for at most <see cref="RestartWait"/> (when they are not done by then, the next checkpoint asks again).
/// </para>
/// </summary>
internal sealed partial class SqliteWalCheckpointer : IDisposable
{
    /// <summary>Commits between checkpoints: a no-op step writes about six pages, so about 1,500 pages (6 MB) of log each time.</summary>
    public const int CommitsPerCheckpoint = 256;

    /// <summary>Frames (pages) the log may hold before a checkpoint has it restarted: 16 MB, which a start after a crash reads in ~12 ms.</summary>
    public const int RestartAfterFrames = 4096;

    /// <summary>How long a restart waits for readers still on the log: a commit's callers wait as long at most.</summary>
    private static readonly TimeSpan RestartWait = TimeSpan.FromMilliseconds(5);

    private readonly string connectionString;
    private readonly string path;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private SqliteConnection? connection;
    private Task running = Task.CompletedTask;
    private int sinceLast;
    private long done;
    private long restarts;
    private volatile bool restartWanted;
    private bool closed;

    public SqliteWalCheckpointer(string connectionString, string path, ILogger logger)
    {
        this.connectionString = connectionString;
        this.path = path;
        this.logger = logger;
    }

    /// <summary>Checkpoints this store has run to their end (copied every page the log held when each began, or all readers allowed).</summary>
    public long Checkpoints => Interlocked.Read(ref done);

    /// <summary>Restarts of the log from its beginning (<see cref="RestartAfterFrames"/>).</summary>
    public long Restarts => Interlocked.Read(ref restarts);

    /// <summary>
    /// Called by the writer after each commit, between transactions, with its connection: restarts the log when a checkpoint
    /// asked for it, and starts a checkpoint when enough commits have gone by and none runs.
    /// </summary>
    public void Committed(DbConnection writer)
    {
        if (restartWanted)
        {
            restartWanted = false;
            Restart(writer);
        }

        if (++sinceLast < CommitsPerCheckpoint)
        {
            return;
        }

        lock (gate)
        {
            if (closed || !running.IsCompleted)
            {
                return;
            }

            sinceLast = 0;
            running = Task.Factory.StartNew(Checkpoint, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Waits for a checkpoint under way, then closes the connection (the writer's close then checkpoints what is left).</summary>
    public void Dispose()
    {
        Task last;
        lock (gate)
        {
            closed = true;
            last = running;
        }

        // Whatever it ended with: a checkpoint that failed in an unforeseen way is logged, and the store still closes.
        Task.WaitAny(last);
        if (last.Exception?.GetBaseException() is { } error)
        {
            Failed(logger, path, error.Message);
        }

        connection?.Dispose();
    }

    private void Checkpoint()
    {
        try
        {
            connection ??= Open();
            var (busy, log, copied) = Run(connection, "PASSIVE");
            if (log > RestartAfterFrames)
            {
                // What was committed during the copy too (a few pages), so that the writer's restart has little left to copy.
                (busy, log, copied) = Run(connection, "PASSIVE");
                restartWanted = true;
            }

            Checkpointed(logger, path, copied, log, busy != 0);
            Interlocked.Increment(ref done);
        }
        catch (SqliteException exception)
        {
            // The commits are not at risk: the log keeps them, and the writer's automatic checkpoint is still there.
            Failed(logger, path, exception.Message);
        }
    }

    /// <summary>On the writer's connection, between transactions: copies the last pages and restarts the log; readers are waited for briefly.</summary>
    private void Restart(DbConnection writer)
    {
        try
        {
            writer.RunSql($"PRAGMA busy_timeout = {(int)RestartWait.TotalMilliseconds}");
            try
            {
                var (busy, log, copied) = Run(writer, "RESTART");
                Checkpointed(logger, path, copied, log, busy != 0);
                if (busy == 0)
                {
                    Interlocked.Increment(ref restarts);
                }
            }
            finally
            {
                writer.RunSql($"PRAGMA busy_timeout = {(int)Schema.DatabaseSetup.BusyTimeout.TotalMilliseconds}");
            }
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            // The commit before it stands: its callers must not hear of this. The log stays as it was, and is tried again.
            Failed(logger, path, exception.Message);
        }
    }

    /// <summary>Runs one checkpoint of <paramref name="mode"/>: whether it was kept from finishing, the log's frames, the frames copied.</summary>
    private static (long Busy, long Log, long Copied) Run(DbConnection on, string mode) =>
        on.QuerySql($"PRAGMA wal_checkpoint({mode})", row => (row.GetInt64(0), row.GetInt64(1), row.GetInt64(2))) is [var result] ? result : (1, 0, 0);

    private SqliteConnection Open()
    {
        var opened = new SqliteConnection(connectionString);
        opened.Open();
        return opened;
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Debug, Message = "Checkpointed {Path}: {Copied} of {Log} log pages copied into the file (busy: {Busy})")]
    private static partial void Checkpointed(ILogger logger, string path, long copied, long log, bool busy);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "A checkpoint of {Path} failed ({Reason}); its commits stay in the write-ahead log, and the next checkpoint tries again")]
    private static partial void Failed(ILogger logger, string path, string reason);
}
