using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// Which index a listing of executions reads, newest first (named with <c>INDEXED BY</c>: without it SQLite reads a filter
/// of several statuses through the status index and sorts every execution). The most selective filter's index: one
/// unfinished status (few by nature), then the playbook, then the starter, then one status; otherwise (no filter, several
/// statuses, text only) <c>ix_executions_list</c>. Each index carries the other filtered columns, so the other filters and a
/// text search are tested on the index and only matching rows are read. A parent's children come first of all, through the
/// parent index (a parent has few children next to the whole history; they are sorted after).
/// </summary>
internal static class ExecutionListPlan
{
    public const string Newest = "ix_executions_list";
    public const string ByStatus = "ix_executions_status_list";
    public const string ByPlaybook = "ix_executions_playbook_list";
    public const string ByStarter = "ix_executions_started_by";
    public const string ByParent = "ix_executions_parent";

    public static string IndexFor(ExecutionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var oneStatus = query.Statuses.Count == 1 ? query.Statuses[0] : (ExecutionStatus?)null;
        if (query.ParentExecutionId is not null)
        {
            return ByParent;
        }

        return (oneStatus, query.PlaybookId, query.StartedBy) switch
        {
            ({ } status, _, _) when !status.IsFinal() => ByStatus,
            (_, { }, _) => ByPlaybook,
            (_, _, { }) => ByStarter,
            ({ }, _, _) => ByStatus,
            _ => Newest,
        };
    }
}
