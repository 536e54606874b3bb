using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using McpPlaybooks.Server.Cli.Run;
using McpPlaybooks.Server.Cli.Validate;

namespace McpPlaybooks.Server.Cli;

/// <summary>
/// The JSON the commands print with <c>--json</c>: snake_case, indented, and quotes and
/// non-ASCII text left readable (the output is a terminal or a pipe, never HTML).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ValidateJsonResult))]
[JsonSerializable(typeof(List<HistoryJsonExecution>))]
[JsonSerializable(typeof(List<LogsJsonLine>))]
[JsonSerializable(typeof(List<ApprovalsJsonGate>))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>The context every command prints with; use it rather than <c>Default</c>.</summary>
    public static CliJsonContext Printing { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
