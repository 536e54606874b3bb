using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace McpPlaybooks.Server.Tests.Leasing;

/// <summary>
/// The database a cluster of servers shares: a SQLite file in a fresh data directory, or a fresh schema of its own on the
/// test PostgreSQL (<see cref="PostgresServer"/>), dropped when the cluster is done. The tests read what the servers
/// recorded through a store opened on the same <see cref="Location"/>, so one test checks both stores.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    /// <summary>The stores a cluster test runs on, for <c>[MemberData]</c>.</summary>
    public static readonly TheoryData<string> Stores = new() { "sqlite", "postgres" };

    private readonly PostgresTestSchema? _schema;

    private ClusterDatabase(string dataDirectory, IReadOnlyList<string> arguments, HistoryLocation location, string description, PostgresTestSchema? schema)
    {
        DataDirectory = dataDirectory;
        Arguments = arguments;
        Location = location;
        Description = description;
        _schema = schema;
    }

    /// <summary>The servers' data directory (their logs, and the SQLite file when the database is one).</summary>
    public string DataDirectory { get; }

    /// <summary>The arguments of <c>serve</c> that choose the database.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Where the history is, to open a store on it and check what the servers recorded.</summary>
    public HistoryLocation Location { get; }

    /// <summary>What the figures ran on, for the report.</summary>
    public string Description { get; }

    /// <summary>A database for a cluster under <paramref name="root"/> on <paramref name="store"/> (<c>sqlite</c> or <c>postgres</c>).</summary>
    public static async Task<ClusterDatabase> CreateAsync(string root, string store)
    {
        var data = Path.Combine(root, "data");
        switch (store)
        {
            case "sqlite":
                return new ClusterDatabase(data, ["--data-dir", data], HistoryLocation.Sqlite(Path.Combine(data, "history.db")), "SQLite (one file, WAL)", schema: null);
            case "postgres":
                var schema = await PostgresServer.CreateSchemaAsync();
                return new ClusterDatabase(data, ["--data-dir", data, "--database", schema.ConnectionString], schema.Location, "PostgreSQL (one schema)", schema);
            default:
                throw new ArgumentOutOfRangeException(nameof(store), store, "a cluster runs on 'sqlite' or 'postgres'");
        }
    }

    /// <summary>Opens the history the servers share, to read it (nothing is taken over: a store is not an engine).</summary>
    public Task<HistoryStore> OpenStoreAsync() =>
        HistoryStore.OpenAsync(Location, TimeProvider.System, logger: null, killAfterCommits: null, checkBeside: false, CancellationToken.None);

    /// <summary>
    /// Whether a process could write the execution's row now: SQLite's write lock is free, or PostgreSQL's lock on the row.
    /// A server stopped inside its transaction keeps that lock until it runs again.
    /// </summary>
    public async Task<bool> IsFreeToWriteAsync(string executionId)
    {
        if (_schema is not null)
        {
            await using var connection = await _schema.ConnectAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("SELECT 1 FROM executions WHERE id = $1 FOR UPDATE NOWAIT", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = executionId });
            try
            {
                await command.ExecuteScalarAsync();
                return true;
            }
            catch (PostgresException locked) when (locked.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                return false;
            }
        }

        using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Location.Target, Pooling = false }.ToString());
        sqlite.Open();
        using var begin = sqlite.CreateCommand();
        begin.CommandText = "PRAGMA busy_timeout = 200; BEGIN IMMEDIATE; ROLLBACK;";
        try
        {
            begin.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException busy) when (busy.SqliteErrorCode == 5) // SQLITE_BUSY
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
