using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// A task as it stands: its durable handle, the state of the execution it follows, who it is told to (its status message
/// proposes only calls that this caller may make), who asked for the cancel it is carrying out (null when none), and its status.
/// </summary>
internal sealed record TaskSnapshot(ExecutionHandleRecord Handle, ExecutionState State, DateTimeOffset UpdatedAt, TaskCaller Viewer, string? CancellingBy = null)
{
    public TaskStatus Status { get; } = TaskStatus.Of(State, Viewer, CancellingBy);

    /// <summary>The task object of the protocol (2025-11-25): id, status, message, times, ttl and poll interval.</summary>
    public JsonObject ToJson() => new()
    {
        ["taskId"] = Handle.Id,
        ["status"] = Status.Status,
        ["statusMessage"] = Status.Message,
        ["createdAt"] = Time(Handle.CreatedAt),
        ["lastUpdatedAt"] = Time(UpdatedAt > Handle.CreatedAt ? UpdatedAt : Handle.CreatedAt),
        ["ttl"] = Handle.Ttl is { } ttl ? (long)ttl.TotalMilliseconds : null,
        ["pollInterval"] = (long)Handle.PollInterval.TotalMilliseconds,
    };

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
