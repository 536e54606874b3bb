using System.Globalization;
using McpPlaybooks.Engine.History.Dialect;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Opens the writer's connection with the settings the store relies on, and brings the schema up to date.</summary>
internal static class DatabaseSetup
{
    /// <summary>How long a write waits for another process's write lock before it fails with SQLITE_BUSY.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private static readonly Lazy<bool> Runtime = new(() =>
    {
        Batteries_V2.Init();
        return true;
    });

    public static void EnsureSqlite() => _ = Runtime.Value;

    public static string ReaderConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWrite,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    /// <summary>The checkpointer's one connection (<see cref="SqliteWalCheckpointer"/>): kept open by it, so not pooled.</summary>
    public static string CheckpointerConnectionString(string path) =>
        new SqliteConnectionStringBuilder(ReaderConnectionString(path)) { Pooling = false }.ToString();

    public static SqliteConnection OpenWriter(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString());
        try
        {
            connection.Open();
            connection.RunSql(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}"));

            // WAL: readers never wait for the writer, and the writer never waits for readers.
            var mode = connection.ScalarSql("PRAGMA journal_mode = WAL") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new HistoryWriteException(
                    $"The history database '{path}' cannot use write-ahead logging (its journal mode stays '{mode}'). Keep the history on a local disk, not a network share.",
                    path,
                    null,
                    null);
            }

            // In WAL mode, synchronous=NORMAL makes a commit durable against a crash of the process (the commit is in the
            // WAL file when COMMIT returns); only a power cut or an OS crash may lose the last commits, never corrupt the
            // file. A process crash is what the engine must survive, and NORMAL avoids an fsync per commit.
            connection.RunSql("PRAGMA synchronous = NORMAL");
            connection.RunSql("PRAGMA wal_autocheckpoint = 16384");
            connection.RunSql("PRAGMA foreign_keys = ON");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refreshes the planner's statistics where they are stale (<c>PRAGMA optimize</c>, its work bounded by
    /// <c>analysis_limit</c>): every table when the file opens (mask 0x10002), then the ones used since.
    /// </summary>
    public static void Optimize(System.Data.Common.DbConnection connection, bool opening)
    {
        connection.RunSql("PRAGMA analysis_limit = 400");
        connection.RunSql(opening ? "PRAGMA optimize = 0x10002" : "PRAGMA optimize");
    }

    /// <summary>Runs the missing migrations, each in its own transaction; returns the version reached and how many ran.</summary>
    public static (int Version, int Applied) Migrate(SqliteConnection connection, string path)
    {
        var applied = 0;
        while (true)
        {
            var current = UserVersion(connection, path);
            if (current == Migrations.Latest)
            {
                return (current, applied);
            }

            connection.RunSql("BEGIN IMMEDIATE");
            try
            {
                // Another process may have migrated between the read above and the lock.
                if (UserVersion(connection, path) == current)
                {
                    connection.RunSql(Migrations.Scripts[current]);
                    connection.RunSql(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {current + 1}"));
                    applied++;
                }

                connection.RunSql("COMMIT");
            }
            catch
            {
                SqlDialect.Sqlite.RollbackIfOpen(connection);
                throw;
            }
        }
    }

    /// <summary>Whether the file's schema is the newest this version knows (nothing to migrate).</summary>
    public static bool IsCurrent(SqliteConnection connection) =>
        Convert.ToInt32(connection.ScalarSql("PRAGMA user_version"), CultureInfo.InvariantCulture) == Migrations.Latest;

    private static int UserVersion(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(connection.ScalarSql("PRAGMA user_version"), CultureInfo.InvariantCulture);
        return version <= Migrations.Latest
            ? version
            : throw new HistoryWriteException(
                $"The history database '{path}' has schema version {version}, but this version of McpPlaybooks knows only up to {Migrations.Latest}. "
                    + "A newer McpPlaybooks wrote it: upgrade this one, or point it at another file.",
                path,
                null,
                null);
    }
}
