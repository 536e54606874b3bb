using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Postgres;
using McpPlaybooks.Engine.Tests.Support;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>PostgreSQL script 9 on a history at version 8 whose attempts said only in their message which limit stopped them.</summary>
public sealed class PostgresTimeoutLimitMigrationTests : IAsyncLifetime
{
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Open_HistoryAtVersion8_ReadsTheLimitFromTheEnginesMessageOnly()
    {
        await using (var connection = await _schema.ConnectAsync())
        {
            await RunAsync(connection, "CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)");
            for (var version = 1; version <= 8; version++)
            {
                await RunAsync(connection, PostgresMigrations.Scripts[version - 1]);
                await RunAsync(connection, $"INSERT INTO schema_migrations VALUES ({version}, 0)");
            }

            await RunAsync(connection, TimeoutLimitHistory.Rows);
        }

        await using var store = await HistoryStore.OpenAsync(_schema.Location, TimeProvider.System, logger: null, killAfterCommits: null, checkBeside: false, CancellationToken.None);

        Assert.Equal(PostgresMigrations.Latest, store.SchemaVersion);
        await TimeoutLimitHistory.AssertMigratedAsync(store);
    }

    private static async Task RunAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
