using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>The answer to a task-augmented request (2025-11-25): <c>{ "task": { taskId, status, ... } }</c>.</summary>
internal sealed class CreateTaskResult : Result
{
    [JsonPropertyName("task")]
    public required JsonObject Task { get; init; }
}
