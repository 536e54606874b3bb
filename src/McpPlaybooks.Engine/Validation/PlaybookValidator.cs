using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Loading;
using McpPlaybooks.Engine.Schema;
using McpPlaybooks.Engine.Validation.Rules;

namespace McpPlaybooks.Engine.Validation;

/// <summary>
/// Checks a playbook from its text: YAML or JSON syntax, the JSON Schema, expression syntax, then the
/// semantic rules and lints. Bad input never throws: every problem is a located diagnostic.
/// </summary>
public sealed class PlaybookValidator(ActionCatalog catalog)
{
    public PlaybookValidator()
        : this(ActionCatalog.BuiltIn)
    {
    }

    /// <summary>
    /// Whether a secret is set where the playbook will run (the environment's <c>PLAYBOOK_SECRET_NAME</c>, or the
    /// secrets file). When given, each secret the playbook reads that is not set is a warning; when null, not checked.
    /// </summary>
    public Func<string, bool>? SecretIsSet { get; init; }

    public ValidationReport ValidateFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string? text;
        Diagnostic? problem;
        try
        {
            text = Documents.PlaybookFileText.Read(path, out problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"the file cannot be read: {e.Message}";
            return new ValidationReport(path, null,
            [
                Problems.Error(DiagnosticCodes.FileUnreadable, reason, new SourceLocation(1, 1), "", "check the path and the file's permissions"),
            ]);
        }

        return text is null ? new ValidationReport(path, null, [problem!]) : ValidateText(text, path);
    }

    public ValidationReport ValidateText(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new List<Diagnostic>();
        var read = DocumentReader.Read(text);
        diagnostics.AddRange(read.Diagnostics);
        if (read.Root is not MappingNode root)
        {
            if (read.Root is not null || read.Diagnostics.Count == 0)
            {
                // An empty document is reported at its start: YamlDotNet places the empty scalar of '---' past the end of its line.
                var (message, location) = read.Root switch
                {
                    null or ScalarNode { Type: Documents.ScalarType.Null } => ("the document is empty", new SourceLocation(1, 1)),
                    var other => ($"a playbook is a mapping, but this document is {other.KindName}", other.Location.IsKnown ? other.Location : new SourceLocation(1, 1)),
                };
                diagnostics.Add(Problems.Error(
                    DiagnosticCodes.NotAMapping,
                    message,
                    location,
                    "",
                    "write a mapping with at least id, name, version and steps"));
            }

            return new ValidationReport(sourceName, null, Sorted(diagnostics));
        }

        diagnostics.AddRange(PlaybookSchema.Check(root));
        var playbook = new PlaybookModelBuilder(catalog, diagnostics).Build(root);
        var context = new ValidationContext(playbook, catalog, diagnostics);
        StepGraphRule.Check(context);
        ActionParametersRule.Check(context);
        ShellTemplateRule.Check(context);
        ReferenceRule.Check(context);
        if (SecretIsSet is { } isSet)
        {
            SecretRule.Check(context, isSet);
        }

        ValueRule.Check(context);
        NestingRule.Check(context);
        ConditionRule.Check(context);
        InputSchemaRule.Check(context);
        DurationRule.Check(context);
        LintRule.Check(context);
        return new ValidationReport(sourceName, playbook, Sorted(diagnostics));
    }

    /// <summary>Without repeats (a code at one place), by line, column and code.</summary>
    internal static List<Diagnostic> Sorted(List<Diagnostic> diagnostics) =>
        [.. diagnostics
            .DistinctBy(d => (d.Code, d.Location))
            .OrderBy(d => d.Location.IsKnown ? d.Location.Line : int.MaxValue)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)];
}
