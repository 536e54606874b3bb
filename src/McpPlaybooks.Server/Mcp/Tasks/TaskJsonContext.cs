using System.Text.Json.Serialization;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>Source-generated JSON for the task results (no reflection, for Native AOT).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateTaskResult))]
[JsonSerializable(typeof(CreateModernTaskResult))]
internal sealed partial class TaskJsonContext : JsonSerializerContext;
