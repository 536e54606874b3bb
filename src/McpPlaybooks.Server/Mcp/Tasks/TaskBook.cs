using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// Tasks kept in the execution history: a task is a durable handle on an execution (<see cref="ExecutionHandleRecord"/>),
/// so it survives a restart and any process sharing the data directory answers for it. Its status is read from the
/// execution each time; nothing about it is held in memory.
/// </summary>
internal sealed class TaskBook(PlaybookEngine engine, TimeProvider time)
{
    /// <summary>Records a task following <paramref name="executionId"/>, held by <paramref name="caller"/>'s identity; returns once it is committed.</summary>
    public async Task<TaskSnapshot> CreateAsync(string executionId, string origin, TaskCaller caller, long? requestedTtlMs, CancellationToken cancellationToken)
    {
        var handle = new ExecutionHandleRecord
        {
            Id = TaskIds.New(),
            ExecutionId = executionId,
            Holder = caller.Identity,
            Origin = origin,
            CreatedAt = time.GetUtcNow(),
            Ttl = TaskSettings.Grant(requestedTtlMs),
            PollInterval = TaskSettings.PollInterval,
        };
        await engine.History.SaveHandleAsync(handle).ConfigureAwait(false);
        return await SnapshotAsync(handle, caller, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"execution {executionId} vanished");
    }

    /// <summary>The caller's live task with this id; an unknown, expired or someone else's id is <see cref="TaskErrors.Unknown"/>.</summary>
    public async Task<ExecutionHandleRecord> FindAsync(string taskId, TaskCaller caller, CancellationToken cancellationToken)
    {
        var handle = TaskIds.IsWellFormed(taskId) ? await engine.History.GetHandleAsync(taskId, cancellationToken).ConfigureAwait(false) : null;
        if (handle is null || handle.IsExpired(time.GetUtcNow()) || !caller.Holds(handle))
        {
            throw TaskErrors.Unknown(taskId);
        }

        return handle;
    }

    /// <summary>The task as it stands now, as <paramref name="viewer"/> is told it; null when its execution is gone from the history.</summary>
    public async Task<TaskSnapshot?> SnapshotAsync(ExecutionHandleRecord handle, TaskCaller viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var state = await engine.GetStateAsync(handle.ExecutionId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        var record = await engine.History.GetExecutionAsync(handle.ExecutionId, cancellationToken).ConfigureAwait(false);
        var cancelling = state.Status.IsFinal() ? null : await engine.CancellingAsync(handle.ExecutionId, cancellationToken).ConfigureAwait(false);
        return new TaskSnapshot(handle, state, record?.UpdatedAt ?? handle.CreatedAt, viewer, cancelling);
    }

    /// <summary>
    /// The caller's live tasks, newest first: those its token's identity holds, or without a token those nobody holds
    /// (as <see cref="TaskCaller.Holds"/> says: a task made through a token on a server sharing this history is not theirs).
    /// </summary>
    public async Task<(IReadOnlyList<TaskSnapshot> Tasks, string? NextCursor)> ListAsync(TaskCaller caller, string? cursor, CancellationToken cancellationToken)
    {
        var page = await engine.History.ListHandlesAsync(new HandleQuery
        {
            Now = time.GetUtcNow(),
            Holder = caller.Identity,
            Cursor = cursor,
        }, cancellationToken).ConfigureAwait(false);
        var tasks = new List<TaskSnapshot>(page.Handles.Count);
        foreach (var handle in page.Handles)
        {
            if (await SnapshotAsync(handle, caller, cancellationToken).ConfigureAwait(false) is { } snapshot)
            {
                tasks.Add(snapshot);
            }
        }

        return (tasks, page.NextCursor);
    }
}
