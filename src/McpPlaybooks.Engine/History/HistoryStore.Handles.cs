using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History;

/// <summary>Callers' durable handles on executions (see <see cref="ExecutionHandleRecord"/>).</summary>
public sealed partial class HistoryStore
{
    /// <summary>
    /// Records a handle, forgetting the handles expired at its creation in the same transaction; returns once committed, so
    /// that every process sharing the file resolves it. Faults with <see cref="HistoryWriteException"/>, for example when
    /// the execution does not exist or the id is taken.
    /// </summary>
    public Task SaveHandleAsync(ExecutionHandleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return WriteAsync([new HistoryWrite.ForgetExpiredHandles(record.CreatedAt), new HistoryWrite.SaveHandle(record)]);
    }

    /// <summary>The handle with this id, expired or not (the caller tells), or null.</summary>
    public Task<ExecutionHandleRecord?> GetHandleAsync(string id, CancellationToken cancellationToken) =>
        Read().GetHandleAsync(id, cancellationToken);

    /// <summary>The handles alive at <see cref="HandleQuery.Now"/>, newest first.</summary>
    public Task<HandlePage> ListHandlesAsync(HandleQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read().ListHandlesAsync(query, cancellationToken);
    }
}
