using System.Text.Json.Serialization;
using McpPlaybooks.Engine.Memory.Folding;

namespace McpPlaybooks.Engine.Memory;

/// <summary>The learning memory's JSON (a fold's outcome, a note's tags), source-generated so Native AOT needs no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FoldOutcome))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class MemoryJsonContext : JsonSerializerContext;
