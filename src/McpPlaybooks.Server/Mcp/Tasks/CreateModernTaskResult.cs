using System.Text.Json.Serialization;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>The answer to a task tool call under 2026-07-28: <c>resultType: task</c> with the task's fields at the top level.</summary>
internal sealed class CreateModernTaskResult : Result
{
    public CreateModernTaskResult()
    {
        ResultType = "task";
    }

    [JsonPropertyName("taskId")]
    public string TaskId { get; set; } = "";

    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    [JsonPropertyName("statusMessage")]
    public string? StatusMessage { get; set; }

    [JsonPropertyName("createdAt")]
    public string CreatedAt { get; set; } = "";

    [JsonPropertyName("lastUpdatedAt")]
    public string LastUpdatedAt { get; set; } = "";

    [JsonPropertyName("ttlMs")]
    public long? TtlMs { get; set; }

    [JsonPropertyName("pollIntervalMs")]
    public long PollIntervalMs { get; set; }
}
