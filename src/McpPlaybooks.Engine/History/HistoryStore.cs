using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Schema;
using McpPlaybooks.Engine.History.Writes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The SQLite history: one file in WAL mode, one writer that commits queued writes together
/// (group commit), readers that never wait for it. A write returns only once it is committed.
/// Several processes may share the file: each store writes under SQLite's write lock, waiting for it up to 5 s.
/// </summary>
public sealed partial class HistoryStore : IAsyncDisposable
{
    private readonly HistoryWriter writer;
    private readonly HistoryReader reader;
    private readonly ReadConnections readConnections;
    private readonly string readerConnectionString;
    private int disposed;

    private HistoryStore(string path, int schemaVersion, int migrationsApplied, HistoryWriter writer, string readerConnectionString)
    {
        Path = path;
        SchemaVersion = schemaVersion;
        MigrationsApplied = migrationsApplied;
        this.writer = writer;
        writer.Fences = Fences;
        this.readerConnectionString = readerConnectionString;
        readConnections = new ReadConnections(readerConnectionString);
        reader = new HistoryReader(readConnections);
        ApprovalLinks = new ApprovalLinkHistory(this);
    }

    /// <summary>One-time approval links and the approval pages of running servers.</summary>
    public ApprovalLinkHistory ApprovalLinks { get; }

    /// <summary>
    /// Opens (creating and migrating when needed) the database at <paramref name="path"/>, creating its directory (0700) if
    /// missing; a new file is 0600, an existing one is narrowed to 0600. Throws <see cref="HistoryWriteException"/> when the
    /// file cannot be created or written, is empty, truncated, damaged (<c>PRAGMA quick_check</c>) or not a history database,
    /// or has a schema newer than this version knows; an existing file is never replaced.
    /// </summary>
    public static Task<HistoryStore> OpenAsync(string path, TimeProvider time, ILogger? logger, CancellationToken cancellationToken) =>
        OpenAsync(path, time, logger, killAfterCommits: null, cancellationToken);

    /// <summary>
    /// Opens the database as <see cref="OpenAsync(string, TimeProvider, ILogger?, CancellationToken)"/> does.
    /// <paramref name="killAfterCommits"/> is for crash tests only (<c>EngineOptions.KillAfterCommits</c>): when set, the
    /// process kills itself with SIGKILL right after the writer's Nth committed state change (the writes of executions;
    /// lease operations, appends with a result and migrations do not count), before any caller learns of that commit.
    /// Null in production.
    /// </summary>
    public static Task<HistoryStore> OpenAsync(string path, TimeProvider time, ILogger? logger, int? killAfterCommits, CancellationToken cancellationToken) =>
        OpenAsync(path, time, logger, killAfterCommits, checkBeside: false, cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(string, TimeProvider, ILogger?, int?, CancellationToken)"/>; with <paramref name="checkBeside"/>
    /// (a server), the page check (<c>PRAGMA quick_check</c>, which reads the whole file) runs on a read connection after the
    /// store is returned, and <see cref="Checked"/> faults with the same <see cref="HistoryWriteException"/> when it fails.
    /// </summary>
    public static async Task<HistoryStore> OpenAsync(string path, TimeProvider time, ILogger? logger, int? killAfterCommits, bool checkBeside, CancellationToken cancellationToken)
    {
        if (killAfterCommits is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(killAfterCommits));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        var log = logger ?? NullLogger.Instance;
        var fullPath = System.IO.Path.GetFullPath(path);
        DatabaseSetup.EnsureSqlite();
        PrepareDirectory(fullPath);

        // Opening may wait for another process's lock (busy timeout): keep it off the caller's thread.
        var (connection, version, applied) = await Task.Run(() => OpenWriter(fullPath, log, quickCheck: !checkBeside), cancellationToken);
        HistoryLog.Opened(log, fullPath, version, applied);
        var store = new HistoryStore(fullPath, version, applied, new HistoryWriter(connection, fullPath, time, log, killAfterCommits), DatabaseSetup.ReaderConnectionString(fullPath));
        if (checkBeside)
        {
            store.Checked = Task.Run(store.QuickCheckOnReader, CancellationToken.None);
        }

        return store;
    }

    /// <summary>
    /// Completes once the file's pages have passed <c>PRAGMA quick_check</c>; faults with <see cref="HistoryWriteException"/>
    /// when they have not. Already complete unless the store was opened with the check beside (a server).
    /// </summary>
    public Task Checked { get; private set; } = Task.CompletedTask;

    /// <summary>The schema version (<c>PRAGMA user_version</c>).</summary>
    public int SchemaVersion { get; }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Transactions the writer committed; fewer than the writes when callers share commits.</summary>
    internal long CommittedTransactions => writer.CommittedTransactions;

    /// <summary>Migrations this store ran when it opened the file (0 when the file was up to date).</summary>
    internal int MigrationsApplied { get; }

    /// <summary>
    /// Commits the writes in one transaction; not cancellable once queued, so a cancelled run still records itself.
    /// The task faults with <see cref="HistoryWriteException"/> when the commit fails; throws <see cref="ObjectDisposedException"/> once disposed.
    /// </summary>
    public Task WriteAsync(IReadOnlyList<HistoryWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var copy = writes.ToArray();
        if (Array.Exists(copy, write => write is null))
        {
            throw new ArgumentException("A history write is null.", nameof(writes));
        }

        return copy.Length == 0 ? Task.CompletedTask : Observed(writer.EnqueueAsync(copy), copy);
    }

    public Task WriteAsync(HistoryWrite write) => WriteAsync([write]);

    public Task<PlaybookVersionRecord?> GetPlaybookVersionAsync(string playbookId, string version, string sha256, CancellationToken cancellationToken) =>
        Read().GetPlaybookVersionAsync(playbookId, version, sha256, cancellationToken);

    public Task<ExecutionRecord?> GetExecutionAsync(string executionId, CancellationToken cancellationToken) =>
        Read().GetExecutionAsync(executionId, cancellationToken);

    /// <summary>The newest execution started with this idempotency key, or null.</summary>
    public Task<ExecutionRecord?> FindExecutionByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Read().FindExecutionByIdempotencyKeyAsync(idempotencyKey, cancellationToken);

    /// <summary>Newest first (created, then id); <see cref="ExecutionQuery.Limit"/> is capped at 500.</summary>
    public Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken) =>
        Read().ListExecutionsAsync(query, cancellationToken);

    /// <summary>In playbook order (position, then id).</summary>
    public Task<IReadOnlyList<StepStateRecord>> GetStepStatesAsync(string executionId, CancellationToken cancellationToken) =>
        Read().GetStepStatesAsync(executionId, cancellationToken);

    /// <summary>In the order they started.</summary>
    public Task<IReadOnlyList<StepAttemptRecord>> GetAttemptsAsync(string executionId, CancellationToken cancellationToken) =>
        Read().GetAttemptsAsync(executionId, cancellationToken);

    /// <summary>
    /// Oldest first; <see cref="LogQuery.Limit"/> is capped at 1000. <see cref="LogPage.NextCursor"/> is the last line's id,
    /// or the query's <see cref="LogQuery.AfterId"/> when there is no new line, so a follower polls with it.
    /// </summary>
    public Task<LogPage> GetLogsAsync(LogQuery query, CancellationToken cancellationToken) =>
        Read().GetLogsAsync(query, cancellationToken);

    /// <summary>The last <paramref name="count"/> lines (at most 1000), oldest first, with the log's line count: one indexed read, however long the log.</summary>
    public Task<LogTail> GetLogTailAsync(string executionId, int count, CancellationToken cancellationToken) =>
        Read().GetLogTailAsync(executionId, count, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> GetAuditAsync(string subjectId, CancellationToken cancellationToken) =>
        Read().GetAuditAsync(subjectId, cancellationToken);

    /// <summary>Commits every write already queued, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        (Interlocked.Exchange(ref commitListener, null) as IDisposable)?.Dispose();
        await writer.DisposeAsync();
        readConnections.Dispose();
        using var connection = new SqliteConnection(readerConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Runs <paramref name="action"/> on the writer's connection between transactions (tests: simulate a full disk).</summary>
    internal Task RunOnWriterAsync(Action<SqliteConnection> action) => writer.RunOnWriterAsync(action);

    /// <summary>Refreshes the planner's statistics on the writer's connection, between transactions (the engine's heartbeat, hourly).</summary>
    internal Task OptimizeAsync() => Writer(CancellationToken.None).RunOnWriterAsync(connection => DatabaseSetup.Optimize(connection, opening: false));

    /// <summary>Read connections kept open with their prepared statements (tests).</summary>
    internal ReadConnections ReadConnections => readConnections;

    /// <summary>Holds the writer so writes queue up until the result is disposed (a test hook for group commit).</summary>
    internal IDisposable PauseWriter() => writer.Pause();

    private HistoryReader Read()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return reader;
    }

    private static void PrepareDirectory(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw new HistoryWriteException(
                $"The history database path '{fullPath}' is a directory. Give the path of a file, for example '{System.IO.Path.Combine(fullPath, "history.db")}'.",
                fullPath,
                null,
                null);
        }

        var directory = System.IO.Path.GetDirectoryName(fullPath);
        try
        {
            if (directory is not null)
            {
                PrivateFiles.CreateDirectory(directory);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HistoryWriteException(
                $"Cannot create the directory '{directory}' for the history database '{fullPath}': {exception.Message} Create it, or choose a writable location.",
                fullPath,
                null,
                exception);
        }
    }

    private void QuickCheckOnReader()
    {
        try
        {
            using var connection = new SqliteConnection(readerConnectionString);
            connection.Open();
            DatabaseFile.QuickCheck(connection, Path);
        }
        catch (SqliteException exception)
        {
            throw HistoryErrors.From(exception, Path, "checking the database");
        }
    }

    private static (SqliteConnection Connection, int Version, int Applied) OpenWriter(string fullPath, ILogger log, bool quickCheck)
    {
        SqliteConnection? connection = null;
        try
        {
            var created = DatabaseFile.CreateIfMissing(fullPath);
            DatabaseFile.CheckExisting(fullPath);
            foreach (var file in new[] { fullPath, fullPath + "-wal", fullPath + "-shm" }.Where(file => !PrivateFiles.Restrict(file)))
            {
                HistoryLog.NotPrivate(log, file);
            }

            connection = DatabaseSetup.OpenWriter(fullPath);
            // A file about to be migrated is checked first whatever the caller asked: a migration is not run over damaged pages.
            if (quickCheck || !DatabaseSetup.IsCurrent(connection))
            {
                DatabaseFile.CheckOpened(connection, fullPath);
            }
            else
            {
                DatabaseFile.CheckWritable(connection, fullPath);
            }
            var (version, applied) = DatabaseSetup.Migrate(connection, fullPath);
            DatabaseSetup.Optimize(connection, opening: true);
            return (connection, version, created + applied);
        }
        catch (SqliteException exception)
        {
            connection?.Dispose();
            throw HistoryErrors.From(exception, fullPath, "opening the database");
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }
}
