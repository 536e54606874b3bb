using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>
/// Validates a text and checks the validator's contract on the result: no exception escapes, every error
/// is located, every location is inside the text (or just past its end), every diagnostic has a code, a
/// message and a fix, and a report with no errors carries the playbook.
/// </summary>
internal sealed partial class MutantChecker
{
    private readonly PlaybookValidator _validator = new();

    public MutantVerdict Check(string text)
    {
        ValidationReport report;
        try
        {
            report = _validator.ValidateText(text, "mutant.yaml");
        }
        catch (Exception e)
        {
            var frame = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
            return new MutantVerdict(false, true, 0, [$"{e.GetType().Name} escaped: {e.Message} {frame}"], 0);
        }

        var lines = YamlLines.SplitAsYaml(text);
        var violations = new List<string>();
        var unlocated = 0;
        var firstLine = 0;
        foreach (var d in report.Diagnostics)
        {
            var count = violations.Count;
            var where = $"{d.Severity} {d.Code} at {d.Location} ({d.Path}): {d.Message}";
            if (d.IsError && !d.Location.IsKnown)
            {
                unlocated++;
                violations.Add($"unlocated {where}");
            }
            else if (d.Location.IsKnown && !IsInside(d.Location, lines))
            {
                unlocated += d.IsError ? 1 : 0;
                violations.Add($"outside the text ({lines.Length} lines): {where}");
            }

            if (!CodePattern().IsMatch(d.Code ?? ""))
            {
                violations.Add($"bad code: {where}");
            }

            if (string.IsNullOrWhiteSpace(d.Message))
            {
                violations.Add($"no message: {where}");
            }

            if (string.IsNullOrWhiteSpace(d.Fix))
            {
                violations.Add($"no fix: {where}");
            }

            if (violations.Count > count && firstLine == 0 && d.Location.IsKnown)
            {
                firstLine = d.Location.Line;
            }
        }

        if (!report.HasErrors && report.Playbook is null)
        {
            violations.Add("no error, yet no playbook");
        }

        return new MutantVerdict(report.HasErrors, false, unlocated, violations, firstLine);
    }

    /// <summary>On a character of a line, at the end of a line, or at the very end of the text (the line after the last, column 1).</summary>
    private static bool IsInside(SourceLocation location, string[] lines) =>
        location.Column >= 1
        && (location.Line <= lines.Length
            ? location.Column <= lines[location.Line - 1].Length + 1
            : location.Line == lines.Length + 1 && location.Column == 1);

    [GeneratedRegex(@"^PB\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
