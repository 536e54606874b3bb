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
        -- One status, one playbook, one starter (ignoring case, as the filter compares): id joins each key so that a cursor,
        -- (created_at, id) < (…), is a range, and each carries the other filtered columns, so combined filters and text are
        -- tested in the index too. They replace ix_executions_status and ix_executions_playbook (their first columns).
        CREATE INDEX ix_executions_status_list ON executions (status, created_at DESC, id DESC, playbook_id, started_by);
        DROP INDEX ix_executions_status;
        CREATE INDEX ix_executions_playbook_list ON executions (playbook_id, created_at DESC, id DESC, status, started_by);
        DROP INDEX ix_executions_playbook;
        CREATE INDEX ix_executions_started_by ON executions (started_by COLLATE NOCASE, created_at DESC, id DESC, status, playbook_id);
        """;
}
