using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Postgres;
using McpPlaybooks.Engine.Tests.Support;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>A PostgreSQL history left at an older schema version with rows written then, opened (so migrated) by a store.</summary>
internal static class PostgresHistoryAt
{
    /// <summary>Runs the first <paramref name="version"/> scripts in <paramref name="schema"/>, then <paramref name="rows"/>, and opens a store on it.</summary>
    public static async Task<HistoryStore> OpenAsync(PostgresTestSchema schema, int version, string rows)
    {
        await using (var connection = await schema.ConnectAsync())
        {
            await RunAsync(connection, "CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)");
            for (var v = 1; v <= version; v++)
            {
                await RunAsync(connection, PostgresMigrations.Scripts[v - 1]);
                await RunAsync(connection, $"INSERT INTO schema_migrations VALUES ({v}, 0)");
            }

            await RunAsync(connection, rows);
        }

        return await HistoryStore.OpenAsync(schema.Location, TimeProvider.System, logger: null, killAfterCommits: null, checkBeside: false, CancellationToken.None);
    }

    private static async Task RunAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
