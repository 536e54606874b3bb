using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Mcp.Waiting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// Sends <c>notifications/tasks/status</c> to the session that created a task each time its status changes, while the
/// session lives, the task is not expired and its execution has not ended. It hears the executions this process runs;
/// clients poll <c>tasks/get</c> for the rest (the spec makes the notification optional).
/// </summary>
internal sealed partial class TaskStatusFollower(TaskBook book, PlaybookEngine engine, TimeProvider time, ILogger<TaskStatusFollower> logger) : IDisposable
{
    public const string Method = "notifications/tasks/status";

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Follows the task in the background, starting from <paramref name="created"/> (already sent to the client).</summary>
    public void Start(McpServer server, TaskSnapshot created)
    {
        ArgumentNullException.ThrowIfNull(created);
        if (created.Status.IsTerminal)
        {
            return;
        }

        _ = Task.Run(() => FollowAsync(server, created), CancellationToken.None);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task FollowAsync(McpServer server, TaskSnapshot created)
    {
        var handle = created.Handle;
        try
        {
            using var expiry = handle.ExpiresAt is { } at ? new CancellationTokenSource(at - time.GetUtcNow(), time) : new CancellationTokenSource();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(expiry.Token, _stopping.Token);
            using var watch = await ExecutionWatch.FollowAsync(engine, handle.ExecutionId, stop.Token).ConfigureAwait(false);
            if (watch is null)
            {
                return;
            }

            var sent = created.Status.Status;
            while (await watch.States.WaitToReadAsync(stop.Token).ConfigureAwait(false))
            {
                while (watch.States.TryRead(out _))
                {
                    // drained: the task is read afresh below
                }

                if (await book.SnapshotAsync(handle, created.Viewer, stop.Token).ConfigureAwait(false) is not { } now)
                {
                    return;
                }

                if (now.Status.Status != sent)
                {
                    sent = now.Status.Status;
                    await server.SendMessageAsync(new JsonRpcNotification { Method = Method, Params = now.ToJson() }, stop.Token).ConfigureAwait(false);
                }

                if (now.Status.IsTerminal)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // expired, or the server stops
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException)
        {
            LogSessionGone(logger, handle.Id, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {TaskId}: status notifications stopped, the session is gone ({Reason})")]
    private static partial void LogSessionGone(ILogger logger, string taskId, string reason);
}
