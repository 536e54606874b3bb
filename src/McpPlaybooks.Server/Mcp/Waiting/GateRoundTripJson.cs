using System.Text.Json.Serialization;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>Source-generated JSON for <see cref="GateRoundTripState"/> (no reflection: the server may be trimmed).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GateRoundTripState))]
internal sealed partial class GateRoundTripJson : JsonSerializerContext;
