using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The statement of one page of <see cref="HistoryReader.ListExecutionsAsync"/>: the filters of an <see cref="ExecutionQuery"/>,
/// newest first, through the index <see cref="ExecutionListPlan"/> picks (named on SQLite), one row more than the page to know whether another follows.
/// </summary>
internal static class ExecutionListSql
{
    public static (string Sql, List<(string Name, object? Value)> Parameters) Build(ExecutionQuery query, int take, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(dialect);
        var conditions = new List<string>();
        var parameters = new List<(string Name, object? Value)>();
        if (query.PlaybookId is { } playbookId)
        {
            conditions.Add("playbook_id = @PlaybookId");
            parameters.Add(("PlaybookId", playbookId));
        }

        if (query.ParentExecutionId is { } parent)
        {
            conditions.Add("parent_execution_id = @ParentExecutionId");
            parameters.Add(("ParentExecutionId", parent));
        }

        if (query.StartedBy is { } startedBy)
        {
            conditions.Add(dialect.EqualsIgnoringCase("started_by", "@StartedBy"));
            parameters.Add(("StartedBy", startedBy));
        }

        if (query.Text is { Length: > 0 } text)
        {
            var like = dialect.LikeIgnoringCase;
            conditions.Add($"(id {like} @Text ESCAPE '\\' OR playbook_id {like} @Text ESCAPE '\\' OR started_by {like} @Text ESCAPE '\\')");
            parameters.Add(("Text", "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%"));
        }

        if (query.Statuses.Count > 0)
        {
            conditions.Add("status IN " + HistoryReader.InList("Statuses", query.Statuses.Select(EnumNames.ToName).ToArray(), parameters));
        }

        if (query.ActiveOnly)
        {
            conditions.Add($"status IN ({LeaseStatements.UnfinishedList})");
        }

        if (query.Cursor is { } cursorText)
        {
            var cursor = ExecutionCursor.Decode(cursorText);
            conditions.Add("(created_at, id) < (@CursorCreatedAt, @CursorId)");
            parameters.Add(("CursorCreatedAt", cursor.CreatedAt));
            parameters.Add(("CursorId", cursor.Id));
        }

        parameters.Add(("Take", take));
        var where = conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "";
        var sql = $"SELECT {ExecutionRow.Columns} FROM executions{dialect.IndexedBy(ExecutionListPlan.IndexFor(query))} {where} ORDER BY created_at DESC, id DESC LIMIT @Take";
        return (sql, parameters);
    }
}
