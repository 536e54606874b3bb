using System.Data.Common;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>
/// Where a store test's history lives, for the tests that run on both stores: a real SQLite file in a temporary folder,
/// or a schema of its own on the test PostgreSQL (<see cref="PostgresServer"/>). Dropped when disposed.
/// </summary>
internal abstract class StoreHome : IAsyncDisposable
{
    public static async Task<StoreHome> CreateAsync(StoreKind kind) => kind switch
    {
        StoreKind.Sqlite => new SqliteHome(),
        StoreKind.Postgres => new PostgresHome(await PostgresServer.CreateSchemaAsync()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Opens (creating and migrating the first time) a store on this history; several may be open at once.</summary>
    public Task<HistoryStore> OpenAsync() => OpenAsync(logger: null);

    /// <summary>As <see cref="OpenAsync()"/>, the store logging to <paramref name="logger"/> (a fold that fails is only logged).</summary>
    public abstract Task<HistoryStore> OpenAsync(ILogger? logger);

    /// <summary>A separate, open connection, for looking at what the store wrote (queries in SQL both stores accept).</summary>
    public abstract DbConnection Connect();

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteHome : StoreHome
    {
        private readonly HistoryFolder folder = new();

        public override Task<HistoryStore> OpenAsync(ILogger? logger) =>
            HistoryStore.OpenAsync(folder.DatabasePath, TimeProvider.System, logger, CancellationToken.None);

        public override DbConnection Connect() => folder.Connect();

        public override ValueTask DisposeAsync()
        {
            folder.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresHome(PostgresTestSchema schema) : StoreHome
    {
        private readonly HistoryLocation location = schema.Location;

        public override Task<HistoryStore> OpenAsync(ILogger? logger) =>
            HistoryStore.OpenAsync(location, TimeProvider.System, logger, killAfterCommits: null, checkBeside: false, CancellationToken.None);

        public override DbConnection Connect()
        {
            var connection = new Npgsql.NpgsqlConnection(schema.ConnectionString);
            connection.Open();
            return connection;
        }

        public override ValueTask DisposeAsync() => schema.DisposeAsync();
    }
}
