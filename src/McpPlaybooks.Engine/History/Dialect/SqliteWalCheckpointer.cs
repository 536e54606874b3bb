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
/// </summary>
internal sealed partial class SqliteWalCheckpointer : IDisposable
{
    /// <summary>Commits between checkpoints: a no-op step writes about six pages, so about 1,500 pages (6 MB) of log each time.</summary>
    public const int CommitsPerCheckpoint = 256;

    private readonly string connectionString;
    private readonly string path;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private SqliteConnection? connection;
    private Task running = Task.CompletedTask;
    private int sinceLast;
    private long done;
    private bool closed;

    public SqliteWalCheckpointer(string connectionString, string path, ILogger logger)
    {
        this.connectionString = connectionString;
        this.path = path;
        this.logger = logger;
    }

    /// <summary>Checkpoints this store has run to their end (copied every page the log held when each began, or all readers allowed).</summary>
    public long Checkpoints => Interlocked.Read(ref done);

    /// <summary>Called by the writer after each commit; starts a checkpoint when enough commits have gone by and none runs.</summary>
    public void Committed()
    {
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
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                var (busy, log, copied) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                Checkpointed(logger, path, copied, log, busy != 0);
            }

            Interlocked.Increment(ref done);
        }
        catch (SqliteException exception)
        {
            // The commits are not at risk: the log keeps them, and the writer's automatic checkpoint is still there.
            Failed(logger, path, exception.Message);
        }
    }

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
