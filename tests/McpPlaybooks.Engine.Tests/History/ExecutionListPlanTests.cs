using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>
/// The executions list (the dashboard's, list_executions') reads newest first through the index of its filter, never sorting
/// every execution, whatever the planner's statistics say. A plan, never a time (the <c>dashboard</c> benchmark has the times).
/// </summary>
public sealed class ExecutionListPlanTests : IDisposable
{
    private const string Cursor = "MTcwMDAwMDAwMDAwMDpleC0x"; // "1700000000000:ex-1"

    private static readonly ExecutionStatus[] NotWaiting = [.. Enum.GetValues<ExecutionStatus>().Where(s => s != ExecutionStatus.WaitingApproval)];

    private readonly HistoryFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "first page", ExecutionListPlan.Newest, "SCAN" },
        { "first page, every status but one", ExecutionListPlan.Newest, "SCAN" },
        { "text", ExecutionListPlan.Newest, "SCAN" },
        { "cursor", ExecutionListPlan.Newest, "SEARCH" },
        { "waiting", ExecutionListPlan.ByStatus, "SEARCH" },
        { "failed, cursor", ExecutionListPlan.ByStatus, "SEARCH" },
        { "playbook", ExecutionListPlan.ByPlaybook, "SEARCH" },
        { "playbook, failed", ExecutionListPlan.ByPlaybook, "SEARCH" },
        { "playbook, waiting", ExecutionListPlan.ByStatus, "SEARCH" },
        { "starter, cursor", ExecutionListPlan.ByStarter, "SEARCH" },
        { "starter, text", ExecutionListPlan.ByStarter, "SEARCH" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Plan_EachFilter_ReadsItsIndexNewestFirstWithoutSorting(string name, string index, string access)
    {
        foreach (var misleading in new[] { false, true })
        {
            using var connection = await OpenAsync(misleading);

            var plan = Plan(connection, Query(name));

            var read = Assert.Single(plan);
            Assert.StartsWith($"{access} executions USING INDEX {index}", read, StringComparison.Ordinal);
            if (access == "SEARCH" && name.Contains("cursor", StringComparison.Ordinal))
            {
                Assert.Contains("(created_at,id)<(?,?)", read, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Plan_Parent_SearchesTheParentIndexAndSortsOnlyItsChildren()
    {
        foreach (var misleading in new[] { false, true })
        {
            using var connection = await OpenAsync(misleading);

            var plan = Plan(connection, new ExecutionQuery { ParentExecutionId = "ex-1", Statuses = NotWaiting, Text = "web" });

            Assert.StartsWith($"SEARCH executions USING INDEX {ExecutionListPlan.ByParent} (parent_execution_id=?)", plan[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IndexFor_NoPinnedIndex_WouldSortEveryExecution()
    {
        // Why the index is named: left to itself, SQLite reads "every status but waiting" through the status index and sorts.
        using var connection = await OpenAsync(misleading: false);
        var (sql, parameters) = ExecutionListSql.Build(Query("first page, every status but one"), 51, SqlDialect.Sqlite);

        var plan = QueryPlan.Of(connection, sql.Replace($"INDEXED BY {ExecutionListPlan.Newest} ", "", StringComparison.Ordinal), parameters);

        Assert.Contains(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private static ExecutionQuery Query(string name) => name switch
    {
        "first page" => new ExecutionQuery(),
        "first page, every status but one" => new ExecutionQuery { Statuses = NotWaiting },
        "text" => new ExecutionQuery { Statuses = NotWaiting, Text = "web" },
        "cursor" => new ExecutionQuery { Statuses = NotWaiting, Cursor = Cursor },
        "waiting" => new ExecutionQuery { Statuses = [ExecutionStatus.WaitingApproval] },
        "failed, cursor" => new ExecutionQuery { Statuses = [ExecutionStatus.Failed], Cursor = Cursor },
        "playbook" => new ExecutionQuery { PlaybookId = "restart", Statuses = NotWaiting },
        "playbook, failed" => new ExecutionQuery { PlaybookId = "restart", Statuses = [ExecutionStatus.Failed] },
        "playbook, waiting" => new ExecutionQuery { PlaybookId = "restart", Statuses = [ExecutionStatus.WaitingApproval] },
        "starter, cursor" => new ExecutionQuery { StartedBy = "token:alice", Statuses = NotWaiting, Cursor = Cursor },
        "starter, text" => new ExecutionQuery { StartedBy = "token:alice", Text = "web" },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private async Task<SqliteConnection> OpenAsync(bool misleading)
    {
        await using (await folder.OpenAsync())
        {
        }

        var connection = folder.Connect();
        if (misleading)
        {
            // Statistics under which every other index looks precise and the list's own look useless.
            using var command = connection.CreateCommand();
            command.CommandText = """
                ANALYZE;
                DELETE FROM sqlite_stat1;
                INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_list', '1000000 1000000 1000000 1000000 1000000 1000000');
                INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_status_list', '1000000 1000000 1000000 1000000 1000000 1000000');
                INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_started_by', '1000000 1000000 1000000 1000000 1000000 1000000');
                INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_playbook_list', '1000000 1000000 1000000 1000000 1000000 1000000');
                INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_duplicate', '1000000 1 1 1');
                INSERT INTO sqlite_stat1 VALUES ('executions', 'ix_executions_unfinished', '1000000 1 1');
                ANALYZE sqlite_schema;
                """;
            command.ExecuteNonQuery();
        }

        return connection;
    }

    private static List<string> Plan(SqliteConnection connection, ExecutionQuery query)
    {
        var (sql, parameters) = ExecutionListSql.Build(query, 51, SqlDialect.Sqlite);
        return QueryPlan.Of(connection, sql, parameters);
    }
}
