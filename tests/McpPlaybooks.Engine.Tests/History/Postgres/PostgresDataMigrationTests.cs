using McpPlaybooks.Engine.History.Postgres;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>PostgreSQL scripts that change rows, on a history left at an older version with rows written then.</summary>
public sealed class PostgresDataMigrationTests : IAsyncLifetime
{
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    /// <summary>Script 6 on a history at version 3 in which one idempotency key was recorded twice: it still migrates.</summary>
    [Fact]
    public async Task Open_HistoryAtVersion3WithAKeyRecordedTwice_MigratesKeepingItOnTheNewestExecution()
    {
        await using var store = await PostgresHistoryAt.OpenAsync(_schema, 3, DuplicateKeyHistory.Rows);

        Assert.Equal(PostgresMigrations.Latest, store.SchemaVersion);
        await DuplicateKeyHistory.AssertMigratedAsync(store);
    }

    /// <summary>Script 9 on a history at version 8 whose attempts said only in their message which limit stopped them.</summary>
    [Fact]
    public async Task Open_HistoryAtVersion8WithAttemptsStoppedByTheirTimeout_ReadsTheLimitFromTheEnginesMessageOnly()
    {
        await using var store = await PostgresHistoryAt.OpenAsync(_schema, 8, TimeoutLimitHistory.Rows);

        Assert.Equal(PostgresMigrations.Latest, store.SchemaVersion);
        await TimeoutLimitHistory.AssertMigratedAsync(store);
    }

    /// <summary>Script 10 on a history at version 9 whose attempts said only in their message that a breaker refused them.</summary>
    [Fact]
    public async Task Open_HistoryAtVersion9WithAttemptsRefusedByABreaker_MarksThemFromTheirMessageAsItWasRead()
    {
        await using var store = await PostgresHistoryAt.OpenAsync(_schema, 9, RefusedAttemptHistory.Rows);

        Assert.Equal(PostgresMigrations.Latest, store.SchemaVersion);
        await RefusedAttemptHistory.AssertMigratedAsync(store);
    }

    /// <summary>Script 11 on a history at version 10 with an execution whose inputs hold a secret as <c>***</c>.</summary>
    [Fact]
    public async Task Open_HistoryAtVersion10WithAnExecutionGivenASecret_LeavesItWithoutADigestAndMakesTheKey()
    {
        await using var store = await PostgresHistoryAt.OpenAsync(_schema, 10, SecretDigestHistory.Rows);

        Assert.Equal(PostgresMigrations.Latest, store.SchemaVersion);
        await SecretDigestHistory.AssertMigratedAsync(store);
    }
}
