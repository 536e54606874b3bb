using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Postgres;
using McpPlaybooks.Engine.Tests.Support;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>
/// The duplicate-run and dry-run lookups on PostgreSQL narrow by the inputs inside the index (its key holds
/// <c>md5(inputs_json)</c>), so a start does not read every execution of its playbook version: starts stay flat. The
/// history holds 5,000 executions of one playbook version with different inputs, analysed, as after a busy week.
/// </summary>
public sealed class PostgresPlanTests : IAsyncLifetime
{
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresServer.CreateSchemaAsync();
        await using var dataSource = await PostgresHistory.OpenAsync(_schema.Location, TimeProvider.System, CancellationToken.None);
        await using var connection = await _schema.ConnectAsync();
        await using var fill = new NpgsqlCommand(
            """
            INSERT INTO playbook_versions (playbook_id, version, sha256, content, status, created_at) VALUES ('restart-web', '1.0.0', 'abc', '', 'active', 0);
            INSERT INTO executions (id, playbook_id, playbook_version, playbook_sha256, status, dry_run, inputs_json, started_by, created_at, updated_at)
                SELECT 'e' || n, 'restart-web', '1.0.0', 'abc', CASE WHEN n % 2 = 0 THEN 'completed' ELSE 'running' END, n % 3 / 2,
                    '{"service":"web-' || n || '","reason":"' || repeat('x', 200) || '"}', 'test', n, n
                FROM generate_series(1, 5000) AS n;
            ANALYZE executions;
            """,
            connection);
        await fill.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task FindActiveDuplicate_OnPostgres_TheInputsHashIsAnIndexCondition()
    {
        var plan = await PlanAsync(ReadStatements.For(SqlDialect.Postgres).FindActiveDuplicateSql);

        Assert.Contains("ix_executions_duplicate", plan, StringComparison.Ordinal);
        Assert.Contains(plan.Split('\n'), line => line.Contains("Index Cond", StringComparison.Ordinal) && line.Contains("md5(inputs_json)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindDryRun_OnPostgres_TheInputsHashIsAnIndexCondition()
    {
        var plan = await PlanAsync(ReadStatements.For(SqlDialect.Postgres).FindDryRunSql);

        Assert.Contains("ix_executions_duplicate", plan, StringComparison.Ordinal);
        Assert.Contains(plan.Split('\n'), line => line.Contains("Index Cond", StringComparison.Ordinal) && line.Contains("md5(inputs_json)", StringComparison.Ordinal));
    }

    /// <summary>The plan PostgreSQL chooses for <paramref name="sql"/> with sample values.</summary>
    private async Task<string> PlanAsync(string sql)
    {
        var literal = sql
            .Replace("@playbookId", "'restart-web'", StringComparison.Ordinal)
            .Replace("@sha256", "'abc'", StringComparison.Ordinal)
            .Replace("@inputsJson", "'{\"service\":\"web-42\"}'", StringComparison.Ordinal)
            .Replace("@incidentJson", "NULL", StringComparison.Ordinal)
            .Replace("@secretInputsHmac", "NULL", StringComparison.Ordinal)
            .Replace("@Since", "0", StringComparison.Ordinal);
        await using var connection = await _schema.ConnectAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + literal, connection);
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
