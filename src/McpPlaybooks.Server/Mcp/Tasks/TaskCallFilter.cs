using System.Text.Json;
using System.Text.Json.Nodes;
#pragma warning disable MCPEXP002 // ResultOrAlternate is experimental in 2.4.0: the SDK's own hook for task results, used on purpose.
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// A <c>tools/call</c> with <c>params.task</c> (2025-11-25): the tool acts at once (starts, decides, controls), then a task
/// following the execution it acted on is recorded in the history and returned as <c>{ task }</c>. A tool that refuses
/// before any execution exists answers a JSON-RPC error with its message; nothing is recorded then. Under 2026-07-28
/// (the tasks extension) the server decides instead: see <see cref="WouldWait"/>.
/// </summary>
internal static class TaskCallFilter
{
    public static async ValueTask<ResultOrAlternate<CallToolResult>> InvokeAsync(
        RequestContext<CallToolRequestParams> request, McpRequestHandler<CallToolRequestParams, ResultOrAlternate<CallToolResult>> next, CancellationToken cancellationToken)
    {
        var modern = TaskExtension.IsModern(request.JsonRpcRequest);
        var raw = request.JsonRpcRequest.Params as JsonObject;
        var task = modern ? null : raw?["task"] as JsonObject;
        if (modern ? !WouldWait(request) : task is null)
        {
            return await next(request, cancellationToken).ConfigureAwait(false);
        }

        var tool = request.Params?.Name ?? "";
        if (!TaskTools.Names.Contains(tool))
        {
            throw TaskErrors.NotATaskTool(tool);
        }

        if (request.Params!.Arguments is { } arguments)
        {
            arguments[TaskTools.WaitArgument] = JsonElement.Parse("0");
        }

        var result = await next(request, cancellationToken).ConfigureAwait(false);
        var called = result.Result ?? throw new InvalidOperationException($"{tool} returned an alternate result");
        if (called.IsError == true || ExecutionIdOf(called) is not { } executionId)
        {
            throw TaskErrors.ToolRefused(tool, string.Join(" ", called.Content.OfType<TextContentBlock>().Select(b => b.Text)));
        }

        var book = request.Service<TaskBook>();
        var caller = TaskCaller.For(request.User, request.Services, request.Server.ClientInfo?.Name, request.JsonRpcRequest);
        var ttl = task?["ttl"] is JsonValue value && value.TryGetValue<double>(out var ms) ? (long?)ms : null;
        var created = await book.CreateAsync(executionId, tool, caller, ttl, cancellationToken).ConfigureAwait(false);
        if (modern)
        {
            return ResultOrAlternate<CallToolResult>.FromAlternate(ModernTaskView.Created(created), TaskJsonContext.Default.CreateModernTaskResult);
        }

        request.Service<TaskStatusFollower>().Start(request.Server, created);
        return ResultOrAlternate<CallToolResult>.FromAlternate(new CreateTaskResult { Task = created.ToJson() }, TaskJsonContext.Default.CreateTaskResult);
    }

    /// <summary>
    /// Under 2026-07-28 the server chooses: a task tool called by a client that declared the extension becomes a task
    /// when the call would wait (<c>wait_seconds</c> above 0); otherwise it answers at once, as without the extension.
    /// </summary>
    private static bool WouldWait(RequestContext<CallToolRequestParams> request) =>
        TaskExtension.OptedIn(request.JsonRpcRequest)
        && TaskTools.Names.Contains(request.Params?.Name ?? "")
        && request.Params?.Arguments is { } arguments
        && arguments.TryGetValue(TaskTools.WaitArgument, out var wait)
        && wait.ValueKind == JsonValueKind.Number && wait.TryGetDouble(out var seconds) && seconds > 0;

    /// <summary>The execution a tool's structured result is about (its <c>execution_id</c>).</summary>
    private static string? ExecutionIdOf(CallToolResult result) =>
        result.StructuredContent is { ValueKind: JsonValueKind.Object } structured
        && structured.TryGetProperty("execution_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
