using Dapper;
using McpPlaybooks.Engine.History.Schema;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

public sealed class HistoryStoreMigrationTests : IDisposable
{
    private readonly HistoryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task OpenAsync_Version1Database_MigratesAndKeepsTheExecutionWithDepthZero()
    {
        DatabaseSetup.EnsureSqlite();
        using (var raw = folder.Connect())
        {
            raw.Execute(Migrations.Scripts[0]);
            raw.Execute("PRAGMA user_version = 1");
            raw.Execute(
                """
                INSERT INTO playbook_versions (playbook_id, version, sha256, content, source, status, created_at)
                VALUES ('restart-nginx', '1.2.0', @Sha, 'id: restart-nginx', NULL, 'active', 1);
                INSERT INTO executions (id, playbook_id, playbook_version, playbook_sha256, status, dry_run, inputs_json,
                    started_by, created_at, owner_id, lease_expires_at, updated_at)
                VALUES ('old-run', 'restart-nginx', '1.2.0', @Sha, 'paused', 0, '{"host":"web-1"}', 'cli:bob', 1000, 'host-9', 5000, 2000);
                """,
                new { Sha });
        }

        await using var store = await folder.OpenAsync();

        Assert.Equal(Migrations.Latest - 1, store.MigrationsApplied);
        var run = await store.GetExecutionAsync("old-run", CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal(0, run.Depth);
        Assert.Equal(0, run.ActiveMs);
        Assert.Null(run.RunningSince);
        Assert.Equal("{\"host\":\"web-1\"}", run.InputsJson);
        Assert.Equal("host-9", run.OwnerId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(5000), run.LeaseExpiresAt);
        Assert.Empty(await store.GetApprovalsAsync("old-run", CancellationToken.None));
        Assert.Empty(await store.GetSignalsAsync("old-run", unconsumedOnly: false, CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_Version10WithAKeyRecordedTwice_MigratesKeepingItOnTheNewestExecution()
    {
        await using var store = await OpenFromVersionAsync(10, DuplicateKeyHistory.Rows);

        Assert.Equal(Migrations.Latest - 10, store.MigrationsApplied);
        await DuplicateKeyHistory.AssertMigratedAsync(store);
    }

    [Fact]
    public async Task OpenAsync_Version15WithAttemptsStoppedByTheirTimeout_ReadsTheLimitFromTheEnginesMessageOnly()
    {
        await using var store = await OpenFromVersionAsync(15, TimeoutLimitHistory.Rows);

        Assert.Equal(Migrations.Latest - 15, store.MigrationsApplied);
        await TimeoutLimitHistory.AssertMigratedAsync(store);
    }

    [Fact]
    public async Task OpenAsync_Version16WithAttemptsRefusedByABreaker_MarksThemFromTheirMessageAsItWasRead()
    {
        await using var store = await OpenFromVersionAsync(16, RefusedAttemptHistory.Rows);

        Assert.Equal(Migrations.Latest - 16, store.MigrationsApplied);
        await RefusedAttemptHistory.AssertMigratedAsync(store);
    }

    [Fact]
    public async Task OpenAsync_Version17WithAnExecutionGivenASecret_LeavesItWithoutADigestAndMakesTheKey()
    {
        await using var store = await OpenFromVersionAsync(17, SecretDigestHistory.Rows);

        Assert.Equal(Migrations.Latest - 17, store.MigrationsApplied);
        await SecretDigestHistory.AssertMigratedAsync(store);
    }

    [Fact]
    public async Task OpenAsync_Fresh_CreatesTheTablesOfVersion2()
    {
        await (await folder.OpenAsync()).DisposeAsync();

        using var raw = folder.Connect();
        var tables = raw.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "approvals", "approval_decisions", "signals", "control_requests", "playbook_statuses" }, tables);
        var columns = raw.Query<string>("SELECT name FROM pragma_table_info('executions')").ToList();
        Assert.Contains("depth", columns);
        Assert.Contains("active_ms", columns);
        Assert.Contains("running_since", columns);
    }

    [Fact]
    public async Task OpenAsync_Fresh_StepAttemptsHaveOnlyTheirUniqueKey()
    {
        // Every query of step_attempts names its execution (the unique key's first column); any other index is a page of the
        // WAL written by every attempt for no reader (the per-step path).
        await (await folder.OpenAsync()).DisposeAsync();

        using var raw = folder.Connect();
        var indexes = raw.Query<string>("SELECT name FROM pragma_index_list('step_attempts')").ToList();
        Assert.Equal(new[] { "sqlite_autoindex_step_attempts_1" }, indexes);
    }

    /// <summary>Opens (so migrates) a database that the first <paramref name="version"/> scripts built, holding <paramref name="rows"/>.</summary>
    private async Task<Engine.History.HistoryStore> OpenFromVersionAsync(int version, string rows)
    {
        DatabaseSetup.EnsureSqlite();
        using (var raw = folder.Connect())
        {
            foreach (var script in Migrations.Scripts.Take(version))
            {
                raw.Execute(script);
            }

            raw.Execute($"PRAGMA user_version = {version}");
            raw.Execute(rows);
        }

        return await folder.OpenAsync();
    }
}
