using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Starts;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>
/// The lookups every start makes (identical active run, idempotency key), and their checks again in the transaction that records
/// the start, use their indexes whatever the planner's
/// statistics say: none (a new file), or statistics that make another index look better. A plan, never a time.
/// </summary>
public sealed class StartLookupPlanTests : IDisposable
{
    private readonly HistoryFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string, bool> Cases() => new()
    {
        { nameof(ReadStatements.FindActiveDuplicateSql), false },
        { nameof(ReadStatements.FindActiveDuplicateSql), true },
        { nameof(ReadStatements.FindByIdempotencyKeySql), false },
        { nameof(ReadStatements.FindByIdempotencyKeySql), true },
        { nameof(StartCheckStatements.IdenticalActiveSql), false },
        { nameof(StartCheckStatements.IdenticalActiveSql), true },
        { nameof(StartCheckStatements.KeyTakenSql), false },
        { nameof(StartCheckStatements.KeyTakenSql), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Plan_AnyStatistics_SearchesItsOwnIndex(string query, bool misleadingStatistics)
    {
        await using (await folder.OpenAsync())
        {
        }

        using var connection = folder.Connect();
        if (misleadingStatistics)
        {
            Mislead(connection);
        }

        var (sql, index) = query switch
        {
            nameof(ReadStatements.FindActiveDuplicateSql) => (ReadStatements.For(SqlDialect.Sqlite).FindActiveDuplicateSql, "ix_executions_duplicate"),
            nameof(ReadStatements.FindByIdempotencyKeySql) => (ReadStatements.For(SqlDialect.Sqlite).FindByIdempotencyKeySql, "ix_executions_idempotency_key"),
            // The same lookups again, in the writer's transaction that records a start (its claim).
            nameof(StartCheckStatements.IdenticalActiveSql) => (StartCheckStatements.For(SqlDialect.Sqlite).IdenticalActiveSql, "ix_executions_duplicate"),
            _ => (StartCheckStatements.For(SqlDialect.Sqlite).KeyTakenSql, "ix_executions_idempotency_key"),
        };
        var plan = Plan(connection, sql);

        Assert.Contains(plan, step => step.StartsWith($"SEARCH executions USING INDEX {index} (", StringComparison.Ordinal)
            || step.StartsWith($"SEARCH executions USING COVERING INDEX {index} (", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN executions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_AnyFile_HasStatisticsAfterwards()
    {
        // PRAGMA optimize on open (mask 0x10002) analyses the tables, so a file that was never analysed gets statistics.
        await using (await folder.OpenAsync())
        {
        }

        using var connection = folder.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'";
        Assert.Equal(1L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task OpenAsync_ForAServer_RefreshesStatisticsOnlyOnceServingMayBegin()
    {
        // A server's first answer does not wait for the refresh: it runs when the signal that begins the takeover comes.
        var serving = new TaskCompletionSource();
        var location = HistoryLocation.Sqlite(folder.DatabasePath);
        await using var store = await HistoryStore.OpenAsync(location, TimeProvider.System, null, null, serving.Task, TimeSpan.Zero, CancellationToken.None);
        Assert.False(store.StatisticsRefreshed.IsCompleted);
        Assert.Equal(0L, StatisticsTables());

        serving.SetResult();
        await store.StatisticsRefreshed.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1L, StatisticsTables());
    }

    private long StatisticsTables()
    {
        using var connection = folder.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Statistics under which SQLite, left to itself, reads the duplicate check through <c>ix_executions_status_list</c>
    /// (every unfinished execution) and sorts: the index the lookup needs looks useless, the others look precise.
    /// </summary>
    private static void Mislead(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            ANALYZE;
            DELETE FROM sqlite_stat1;
            INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_duplicate', '1000000 1000000 1000000 1000000');
            INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_idempotency_key', '1000000 1000000');
            INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_playbook_list', '1000000 1 1 1 1 1');
            INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_status_list', '1000000 1 1 1 1 1');
            INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_list', '1000000 1 1 1 1 1');
            ANALYZE sqlite_schema;
            """;
        command.ExecuteNonQuery();
    }

    private static List<string> Plan(SqliteConnection connection, string sql) =>
        QueryPlan.Of(connection, sql, new[] { "playbookId", "sha256", "inputsJson", "incidentJson", "idempotencyKey", "PlaybookId", "Sha256", "InputsJson", "IncidentJson", "IdempotencyKey" }.Select(name => (name, (object?)"x")));
}
