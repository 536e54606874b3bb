using ModelContextProtocol;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>The JSON-RPC errors of the task requests: each says what was wrong and what to do.</summary>
internal static class TaskErrors
{
    public static McpProtocolException MissingId(string method) =>
        new($"{method} needs params.taskId: the id that tools/call returned in result.task.taskId (tasks/list shows yours).", McpErrorCode.InvalidParams);

    /// <summary>An id never given, expired, or given to someone else: the same answer, so that none of them leaks.</summary>
    public static McpProtocolException Unknown(string taskId) =>
        new($"unknown task '{Shorten(taskId)}': no task of yours has this id (it may have expired: a task is kept for its ttl). "
            + "Call tasks/list to see your tasks; get_execution still shows the execution itself.", McpErrorCode.InvalidParams);

    public static McpProtocolException Terminal(string taskId, string status) =>
        new($"task '{taskId}' is already {status}: there is nothing left to cancel. tasks/result returns the execution's state.", McpErrorCode.InvalidParams);

    public static McpProtocolException BadCursor(string method) =>
        new($"{method}: params.cursor is not one this server returned; pass a page's nextCursor, or no cursor for the first page.", McpErrorCode.InvalidParams);

    public static McpProtocolException NotATaskTool(string tool) =>
        new($"tool '{tool}' does not run as a task (its execution.taskSupport is forbidden): call it without params.task. "
            + "execute_playbook, approve_step and control_execution do.", McpErrorCode.InvalidParams);

    /// <summary>The tool refused before any execution was there to follow: its own message, as a protocol error.</summary>
    public static McpProtocolException ToolRefused(string tool, string message) =>
        new($"{tool} did not start a task: {message}", McpErrorCode.InvalidParams);

    /// <summary>tasks/update from a request that did not negotiate the 2026-07-28 tasks extension.</summary>
    public static McpProtocolException UpdateNotNegotiated() =>
        new($"{TaskExtension.Update} belongs to the {TaskExtension.FirstVersion} tasks extension ({TaskExtension.Id}): this request did not negotiate "
            + $"protocol {TaskExtension.FirstVersion} and declare the extension, so it has no input requests to answer. Decide a gate with approve_step "
            + "(it says who may), or answer the question the server asks in the chat while a call waits.", McpErrorCode.MethodNotFound);

    /// <summary>A tasks/update whose answers are malformed or answer no input request this server issued: nothing is decided.</summary>
    public static McpProtocolException BadAnswer(string why) =>
        new($"{TaskExtension.Update}: {why}. Nothing was decided.", McpErrorCode.InvalidParams);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
