using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History;

/// <summary>The queries of callers' handles on executions.</summary>
internal sealed partial class HistoryReader
{
    public const int MaxHandles = 200;

    public async Task<ExecutionHandleRecord?> GetHandleAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {ExecutionHandleRow.Columns} FROM execution_handles WHERE id = @id", ExecutionHandleRow.Read, cancellationToken, ("id", id));
        return rows.FirstOrDefault()?.ToRecord();
    }

    public async Task<HandlePage> ListHandlesAsync(HandleQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var limit = Math.Min(query.Limit, MaxHandles);
        var now = StoredValues.Time(query.Now);
        var conditions = new List<string> { "(ttl_ms IS NULL OR created_at + ttl_ms > @Now)" };
        if (query.AnyHolder is false)
        {
            conditions.Add(query.Holder is null ? "holder IS NULL" : "holder = @Holder");
        }

        long cursorCreatedAt = 0;
        var cursorId = "";
        if (query.Cursor is { } cursorText)
        {
            var cursor = ExecutionCursor.Decode(cursorText);
            (cursorCreatedAt, cursorId) = (cursor.CreatedAt, cursor.Id);
            conditions.Add("(created_at, id) < (@CursorCreatedAt, @CursorId)");
        }

        var rows = await QueryAsync(
            $"SELECT {ExecutionHandleRow.Columns} FROM execution_handles WHERE {string.Join(" AND ", conditions)} ORDER BY created_at DESC, id DESC LIMIT @Take",
            ExecutionHandleRow.Read,
            cancellationToken,
            ("Now", now), ("Holder", query.Holder), ("CursorCreatedAt", cursorCreatedAt), ("CursorId", cursorId), ("Take", limit + 1));
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new ExecutionCursor(page[^1].CreatedAt, page[^1].Id).Encode() : null;
        return new HandlePage(page.ConvertAll(row => row.ToRecord()), next);
    }
}
