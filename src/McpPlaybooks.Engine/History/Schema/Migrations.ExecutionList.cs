namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 8 (the dashboard's executions list at 100,000 executions): an index for each way the list is read.</summary>
internal static partial class Migrations
{
    private const string ExecutionList =
        """
        -- The executions list, newest first, read through one index per filter (ExecutionListPlan names it with INDEXED BY).
        -- No filter, or text: the newest-first index also carries the columns the filters test, so a text search reads
        -- only this narrow index and fetches the rows that match. It replaces ix_executions_created (its first columns).
        CREATE INDEX ix_executions_list ON executions (created_at DESC, id DESC, status, playbook_id, started_by);
        DROP INDEX ix_executions_created;
        -- One status: id joins the key so that a cursor, (created_at, id) < (…), is a range. It replaces ix_executions_status.
        CREATE INDEX ix_executions_status_list ON executions (status, created_at DESC, id DESC);
        DROP INDEX ix_executions_status;
        -- One starter, compared ignoring case as the filter does.
        CREATE INDEX ix_executions_started_by ON executions (started_by COLLATE NOCASE, created_at DESC, id DESC);
        """;
}
