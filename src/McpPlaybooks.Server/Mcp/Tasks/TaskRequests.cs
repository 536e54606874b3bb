using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Hosting.Http.Auth;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// <c>tasks/get</c>, <c>tasks/list</c>, <c>tasks/result</c> and <c>tasks/cancel</c> (protocol 2025-11-25), answered from the
/// execution history; tasks/get and tasks/cancel answer in the 2026-07-28 extension's shape for requests made under it.
/// Reading needs the viewer role, cancelling the operator role (as control_execution).
/// </summary>
internal sealed class TaskRequests(TaskBook book, TaskResults results, PlaybookEngine engine)
{
    public const string Get = "tasks/get";
    public const string List = "tasks/list";
    public const string Result = "tasks/result";
    public const string Cancel = "tasks/cancel";

    public async ValueTask<JsonNode?> GetAsync(RequestContext<JsonNode?> request, CancellationToken cancellationToken)
    {
        var caller = Caller(request, ServerRoles.Viewer, "reading a task");
        var handle = await book.FindAsync(TaskId(request, Get), caller, cancellationToken).ConfigureAwait(false);
        var snapshot = await book.SnapshotAsync(handle, caller, cancellationToken).ConfigureAwait(false) ?? throw TaskErrors.Unknown(handle.Id);
        return TaskExtension.IsModern(request.JsonRpcRequest) ? ModernTaskView.Get(snapshot, caller) : snapshot.ToJson();
    }

    public async ValueTask<JsonNode?> ListAsync(RequestContext<JsonNode?> request, CancellationToken cancellationToken)
    {
        var caller = Caller(request, ServerRoles.Viewer, "listing tasks");
        var cursor = request.Params?["cursor"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        try
        {
            var (tasks, next) = await book.ListAsync(caller, cursor, cancellationToken).ConfigureAwait(false);
            var json = new JsonObject { ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)t.ToJson())]) };
            if (next is not null)
            {
                json["nextCursor"] = next;
            }

            return json;
        }
        catch (ArgumentException)
        {
            throw TaskErrors.BadCursor(List);
        }
    }

    public async ValueTask<JsonNode?> ResultAsync(RequestContext<JsonNode?> request, CancellationToken cancellationToken)
    {
        var caller = Caller(request, ServerRoles.Viewer, "reading a task's result");
        var handle = await book.FindAsync(TaskId(request, Result), caller, cancellationToken).ConfigureAwait(false);
        return await results.WaitAsync(handle, request.Server.NegotiatedProtocolVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels the execution through the engine's control path, recorded as the caller's decision, and answers once the
    /// cancel is recorded (or queued for an owner that did not answer), not once the execution has stopped: its finally steps
    /// may run long. A task already cancelling is answered as it stands; nothing is recorded twice.
    /// </summary>
    public async ValueTask<JsonNode?> CancelAsync(RequestContext<JsonNode?> request, CancellationToken cancellationToken)
    {
        var caller = Caller(request, ServerRoles.Operator, "cancelling a task");
        var handle = await book.FindAsync(TaskId(request, Cancel), caller, cancellationToken).ConfigureAwait(false);
        var before = await book.SnapshotAsync(handle, caller, cancellationToken).ConfigureAwait(false) ?? throw TaskErrors.Unknown(handle.Id);
        if (before.Status.IsTerminal)
        {
            throw TaskErrors.Terminal(handle.Id, before.Status.Status);
        }

        var said = before.CancellingBy is { } earlier
            ? $"cancel already requested by {earlier}: execution {handle.ExecutionId} is stopping (its finally steps still run); nothing more was recorded. The task turns cancelled when it has stopped."
            : await RequestCancelAsync(handle, caller, cancellationToken).ConfigureAwait(false);
        if (TaskExtension.IsModern(request.JsonRpcRequest))
        {
            return new JsonObject { ["resultType"] = "complete" };
        }

        var after = await book.SnapshotAsync(handle, caller, cancellationToken).ConfigureAwait(false) ?? before;
        var json = after.ToJson();
        if (!after.Status.IsTerminal)
        {
            json["statusMessage"] = said;
        }

        return json;
    }

    /// <summary>Records the cancel (or queues it for the owner); returns what the task's message says then.</summary>
    private async Task<string> RequestCancelAsync(ExecutionHandleRecord handle, TaskCaller caller, CancellationToken cancellationToken)
    {
        try
        {
            await engine.ControlAsync(new ControlRequest
            {
                ExecutionId = handle.ExecutionId,
                Action = ControlAction.Cancel,
                RequestedBy = caller.Actor,
                Comment = $"tasks/cancel of task {handle.Id}",
                AnswerWhenRecorded = true,
            }, cancellationToken).ConfigureAwait(false);
            return $"cancel requested by {caller.Actor}: execution {handle.ExecutionId} is stopping (its finally steps still run); the task turns cancelled when it has stopped.";
        }
        catch (ExecutionRefusedException e) when (e.Kind == RefusalKind.OwnerDidNotAnswer)
        {
            return $"cancel by {caller.Actor} queued, not refused: {e.Message}";
        }
        catch (ExecutionRefusedException e)
        {
            throw new McpProtocolException($"task '{handle.Id}' cannot be cancelled: {e.Message}", McpErrorCode.InvalidParams);
        }
    }

    internal static TaskCaller Caller(RequestContext<JsonNode?> request, string role, string what) => TaskCaller.Of(request, role, what);

    internal static string TaskId(RequestContext<JsonNode?> request, string method) =>
        request.Params?["taskId"] is JsonValue value && value.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id)
            ? id
            : throw TaskErrors.MissingId(method);
}
