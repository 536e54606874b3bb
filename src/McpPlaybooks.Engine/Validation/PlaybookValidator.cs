// TEMPORARY STUB: replaced by the real validator on main
using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Validation;

/// <summary>
/// Just enough of the validator for the command line's plumbing: empty text is an error,
/// a missing file is an error, a missing <c>id:</c> is an error, anything else is valid.
/// </summary>
public sealed partial class PlaybookValidator
{
    public ValidationReport ValidateText(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Failed(sourceName, DiagnosticCodes.NotAMapping, "The document is empty.", "Write a playbook: a mapping with id, name, version and steps.");
        }

        var id = IdLine().Match(text);
        if (!id.Success)
        {
            return Failed(sourceName, DiagnosticCodes.MissingKey, "The key 'id' is missing.", "Add 'id:' with a stable id such as restart-service.");
        }

        var version = VersionLine().Match(text);
        var playbook = new PlaybookDefinition(id.Groups[1].Value, version.Success ? version.Groups[1].Value : "");
        return new ValidationReport(sourceName, playbook, []);
    }

    public ValidationReport ValidateFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failed(path, DiagnosticCodes.FileUnreadable, "file not found.", "check the path.");
        }

        return ValidateText(text, path);
    }

    private static ValidationReport Failed(string source, string code, string message, string fix) =>
        new(source, null, [new Diagnostic(DiagnosticSeverity.Error, code, message, new SourceLocation(1, 1), "", fix)]);

    [GeneratedRegex(@"^id:[ \t]*([^\s#]+)", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^version:[ \t]*([^\s#]+)", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
