using System.Text.Json;

namespace McpPlaybooks.Server.Cli.Validate;

/// <summary>Writes a validate run as one JSON document and nothing else.</summary>
internal static class JsonValidationWriter
{
    public static void Write(IReadOnlyList<ValidatedFile> files, ValidationSummary summary, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        var result = new ValidateJsonResult(
            [.. files.Select(ToJson)],
            summary.Errors,
            summary.Warnings);
        output.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Printing.ValidateJsonResult));
    }

    private static ValidateJsonFile ToJson(ValidatedFile file) => new(
        file.Path,
        !file.Report.HasErrors,
        file.Report.Playbook?.Id,
        file.Report.Playbook?.Version,
        [.. file.Report.Diagnostics.Select(ValidateJsonDiagnostic.From)]);
}
