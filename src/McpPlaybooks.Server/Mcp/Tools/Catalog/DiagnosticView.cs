using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>Validator diagnostics as the catalogue tools show them: JSON objects, or one line each (<c>LINE:COL CODE message</c>).</summary>
internal static class DiagnosticView
{
    /// <summary>The most diagnostics a result lists; the rest are counted.</summary>
    public const int MaxListed = 50;

    public static JsonObject ToJson(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return new JsonObject
        {
            ["severity"] = EnumNames.ToName(diagnostic.Severity),
            ["code"] = diagnostic.Code,
            ["message"] = diagnostic.Message,
            ["line"] = diagnostic.Line,
            ["column"] = diagnostic.Column,
            ["path"] = diagnostic.Path,
            ["fix"] = diagnostic.Fix,
        };
    }

    /// <summary><c>4:7 PB0101 message (fix: ...)</c>.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var fix = string.IsNullOrEmpty(diagnostic.Fix) ? "" : $" (fix: {diagnostic.Fix})";
        return $"{diagnostic.Line}:{diagnostic.Column} {diagnostic.Code} {diagnostic.Message}{fix}";
    }

    /// <summary>The first <see cref="MaxListed"/> diagnostics as lines, and a count of the rest.</summary>
    public static string FormatAll(IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var lines = diagnostics.Take(MaxListed).Select(d => "- " + Format(d)).ToList();
        if (diagnostics.Count > MaxListed)
        {
            lines.Add($"- …and {diagnostics.Count - MaxListed} more");
        }

        return string.Join("\n", lines);
    }

    /// <summary>Warnings as lines, for the results that carry them.</summary>
    public static JsonArray Lines(IEnumerable<Diagnostic> diagnostics) =>
        new([.. diagnostics.Take(MaxListed).Select(d => (JsonNode)JsonValue.Create(Format(d)))]);
}
