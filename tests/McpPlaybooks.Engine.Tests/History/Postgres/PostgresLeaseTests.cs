using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Postgres;
using McpPlaybooks.Engine.Tests.Support;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>The lease statements on a real PostgreSQL, with two servers' connections side by side.</summary>
public sealed class PostgresLeaseTests : IAsyncLifetime
{
    private const long Now = 1_000_000;

    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresServer.CreateSchemaAsync();
        await using var dataSource = await PostgresHistory.OpenAsync(_schema.Location, TimeProvider.System, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task ClaimBatch_TwoServersAtOnce_EachGetsItsOwnAndNeitherWaits()
    {
        await InsertAsync(50);
        await using var first = await ConnectAsync();
        await using var second = await ConnectAsync();

        await using var transaction = await first.BeginTransactionAsync();
        var firstIds = await ClaimBatchAsync(first, "a", limit: 30);
        // The first server's claim is not committed: its rows are locked. The second skips them instead of waiting
        // (a wait would end in statement_timeout and fail the test).
        var secondIds = await ClaimBatchAsync(second, "b", limit: 30);
        await transaction.CommitAsync();

        Assert.Equal(30, firstIds.Count);
        Assert.Equal(20, secondIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.Equal(Enumerable.Range(0, 30).Select(Id), firstIds.Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 30, ["b"] = 20 }, await OwnersAsync(first));
    }

    [Fact]
    public async Task ClaimBatch_LiveLeaseKeptExpiredTakenFinishedAndDryRunsLeft()
    {
        await InsertAsync(4);
        await using var connection = await ConnectAsync();
        await ExecuteAsync(connection, $"UPDATE executions SET owner_id = 'live', lease_expires_at = {Now + 1} WHERE id = '{Id(0)}'");
        await ExecuteAsync(connection, $"UPDATE executions SET owner_id = 'dead', lease_expires_at = {Now - 1} WHERE id = '{Id(1)}'");
        await ExecuteAsync(connection, $"UPDATE executions SET status = 'completed' WHERE id = '{Id(2)}'");
        await ExecuteAsync(connection, $"UPDATE executions SET dry_run = 1 WHERE id = '{Id(3)}'");

        var won = await ClaimBatchAsync(connection, "me", limit: 10);

        Assert.Equal([Id(1)], won);
    }

    [Fact]
    public async Task Renew_OneStatement_ExtendsOnlyThisServersUnfinished()
    {
        await InsertAsync(3);
        await using var connection = await ConnectAsync();
        await ExecuteAsync(connection, $"UPDATE executions SET owner_id = 'me', lease_expires_at = {Now} WHERE id IN ('{Id(0)}', '{Id(1)}')");
        await ExecuteAsync(connection, $"UPDATE executions SET status = 'failed' WHERE id = '{Id(1)}'");
        await ExecuteAsync(connection, $"UPDATE executions SET owner_id = 'other', lease_expires_at = {Now} WHERE id = '{Id(2)}'");

        await using var renew = new NpgsqlCommand(LeaseStatements.Renew, connection);
        renew.Parameters.AddWithValue("OwnerId", "me");
        renew.Parameters.AddWithValue("LeaseUntil", Now + 15_000);

        Assert.Equal(1, await renew.ExecuteNonQueryAsync());
    }

    private static string Id(int n) => $"e{n:D3}";

    private async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = await _schema.ConnectAsync();
        await ExecuteAsync(connection, "SET statement_timeout = '20s'");
        return connection;
    }

    private async Task InsertAsync(int count)
    {
        await using var connection = await ConnectAsync();
        await ExecuteAsync(connection, "INSERT INTO playbook_versions VALUES ('p', '1', 'sha', 'content', NULL, 'active', 0)");
        for (var n = 0; n < count; n++)
        {
            await ExecuteAsync(connection, $$"""
                INSERT INTO executions (id, playbook_id, playbook_version, playbook_sha256, status, dry_run, inputs_json, started_by, created_at, updated_at)
                VALUES ('{{Id(n)}}', 'p', '1', 'sha', 'running', 0, '{}', 'test', {{n}}, {{n}})
                """);
        }
    }

    private static async Task<List<string>> ClaimBatchAsync(NpgsqlConnection connection, string owner, int limit)
    {
        await using var command = new NpgsqlCommand(LeaseStatements.For(SqlDialect.Postgres).ClaimBatch, connection);
        command.Parameters.AddWithValue("OwnerId", owner);
        command.Parameters.AddWithValue("LeaseUntil", Now + 15_000);
        command.Parameters.AddWithValue("Now", Now);
        command.Parameters.AddWithValue("Limit", (long)limit);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<Dictionary<string, long>> OwnersAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT owner_id, count(*) FROM executions WHERE owner_id IS NOT NULL GROUP BY owner_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var owners = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            owners[reader.GetString(0)] = reader.GetInt64(1);
        }

        return owners;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
