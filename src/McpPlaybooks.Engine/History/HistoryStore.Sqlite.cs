using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Engine.History;

/// <summary>Opening the SQLite file: its directory and permissions, its checks, its writer connection and its pooled readers.</summary>
public sealed partial class HistoryStore
{
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
    public static Task<HistoryStore> OpenAsync(string path, TimeProvider time, ILogger? logger, int? killAfterCommits, bool checkBeside, CancellationToken cancellationToken) =>
        OpenAsync(path, time, logger, killAfterCommits, checkBeside ? Task.CompletedTask : null, cancellationToken);

    /// <summary>
    /// Opens the database with the write-ahead log checkpointed by SQLite inside the commit that finds it full, as before
    /// <see cref="SqliteWalCheckpointer"/> (the benchmarks' peer).
    /// </summary>
    internal static Task<HistoryStore> OpenCheckpointingInlineAsync(string path, TimeProvider time) =>
        OpenAsync(path, time, null, null, null, CancellationToken.None, checkpointBeside: false);

    // checkAfter: null, the pages are checked while opening; else the check runs beside once it completes.
    private static async Task<HistoryStore> OpenAsync(string path, TimeProvider time, ILogger? logger, int? killAfterCommits, Task? checkAfter, CancellationToken cancellationToken, bool checkpointBeside = true)
    {
        var checkBeside = checkAfter is not null;
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
        var (connection, version, applied, secretInputsKey) = await Task.Run(() => OpenWriter(fullPath, time, log, quickCheck: !checkBeside, refreshStatistics: !checkBeside), cancellationToken);
        HistoryLog.Opened(log, fullPath, version, applied);
        var readerConnectionString = DatabaseSetup.ReaderConnectionString(fullPath);
        var store = new HistoryStore(
            fullPath,
            version,
            applied,
            new HistoryWriter(connection, SqlDialect.Sqlite, fullPath, time, log, killAfterCommits, checkpointer: checkpointBeside ? new SqliteWalCheckpointer(DatabaseSetup.CheckpointerConnectionString(fullPath), fullPath, log) : null),
            SqlDialect.Sqlite,
            SqliteFactory.Instance.CreateDataSource(readerConnectionString),
            () =>
            {
                using var pooled = new SqliteConnection(readerConnectionString);
                SqliteConnection.ClearPool(pooled);
            },
            secretInputsKey);
        if (checkAfter is not null)
        {
            // It reads every page, synchronously: on a thread of its own, so that it holds no pool thread while serving starts.
            store.Checked = checkAfter.ContinueWith(_ => store.QuickCheckOnReader(), CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);

            // The planner's statistics too: on a file grown since its last analysis, the refresh reads thousands of pages
            // (15-35 ms for 10,000 executions), which a server's first answer does not wait for. The lookups of a start use
            // their indexes whatever the statistics say.
            store.StatisticsRefreshed = store.RefreshStatisticsAfterAsync(checkAfter, log);
        }

        return store;
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
        if (Volatile.Read(ref disposed) != 0)
        {
            return; // closed before the check was to begin
        }

        try
        {
            using var connection = (SqliteConnection)readers.OpenConnection();
            DatabaseFile.QuickCheck(connection, Path);
        }
        catch (SqliteException exception)
        {
            throw HistoryErrors.From(exception, Path, "checking the database");
        }
    }

    /// <summary>Once <paramref name="after"/> completes, the refresh of statistics that opening skipped; a failure is logged (the hourly one tries again).</summary>
    private async Task RefreshStatisticsAfterAsync(Task after, ILogger log)
    {
        await after.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await writer.RunOnWriterAsync(connection => DatabaseSetup.Optimize(connection, opening: true)).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // closed before serving began
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or HistoryWriteException or InvalidOperationException)
        {
            HistoryLog.StatisticsNotRefreshed(log, Path, exception.Message);
        }
    }

    private static (SqliteConnection Connection, int Version, int Applied, byte[] SecretInputsKey) OpenWriter(string fullPath, TimeProvider time, ILogger log, bool quickCheck, bool refreshStatistics)
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
            if (refreshStatistics)
            {
                DatabaseSetup.Optimize(connection, opening: true);
            }

            return (connection, version, created + applied, History.SecretInputsKey.Load(connection, time));
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
