using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.Logging;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>
/// <c>validate_playbook</c>: checks a catalogue playbook (by id, also one left out for its errors) or a YAML text, and
/// returns every error and warning with its line, column, code and fix; for a playbook id that has run before (a YAML
/// text by its id), the learning memory's warnings from history too, apart and with their numbers. Changes nothing.
/// </summary>
internal sealed class ValidatePlaybookTool(PlaybookEngine engine, PlaybookCatalog catalog, ILogger<ValidatePlaybookTool> logger)
    : PlaybookTool(Declaration, logger)
{
    /// <summary>The name a YAML text is validated under.</summary>
    public const string TextSource = "playbook.yaml";

    private static readonly ToolDefinition Declaration = new()
    {
        Name = "validate_playbook",
        Title = "Validate a playbook",
        Description = "Check a playbook by playbook_id, or a yaml text (one of the two): errors and safety warnings with "
            + "line, column, code and fix; history warnings. Changes nothing.",
        Parameters =
        [
            ToolParameter.String("playbook_id", "A playbook of the catalogue"),
            ToolParameter.String("yaml", "Or a playbook's YAML text", maxLength: SavePlaybookTool.MaxYaml),
            ToolParameter.String("version", "Of playbook_id; default: latest"),
        ],
        OutputSchema = Root(Obj(
            ("valid", Bool),
            ("source", Str),
            ("playbook_id?", Str),
            ("version?", Str),
            ("error_count", Int),
            ("warning_count", Int),
            ("diagnostics", ArrayOf(Obj(("severity", Str), ("code", Str), ("message", Str), ("line", Int), ("column", Int), ("path", Str), ("fix", Str)))),
            ("history_warnings", ArrayOf(Obj(("source", Str), ("kind", Str), ("step_id?", Str), ("message", Str)))),
            ("omitted?", Int))),
        ReadOnly = true,
        Idempotent = true,
    };

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var arguments = call.Arguments;
        var yaml = arguments.String("yaml");
        var playbookId = arguments.String("playbook_id");
        if ((yaml is null) == (playbookId is null))
        {
            throw new ToolErrorException(yaml is null
                ? "validate_playbook needs what to check: give playbook_id (a playbook of list_playbooks) or yaml (a playbook's text), not neither."
                : "validate_playbook checks one thing: give playbook_id or yaml, not both. To check the text you mean to save, give yaml alone.");
        }

        if (yaml is not null && arguments.Has("version"))
        {
            throw new ToolErrorException("version goes with playbook_id; a yaml text carries its own version. Call validate_playbook again without version.");
        }

        var snapshot = catalog.Current;
        var (report, source) = yaml is not null
            ? (Validator().ValidateText(yaml, TextSource), TextSource)
            : ReportOf(Validator(), snapshot, playbookId!, arguments.String("version"));
        report = WithChildCycles(report, snapshot);
        var history = report.Playbook is { } playbook
            ? await engine.Memory.GetHistoryWarningsAsync(playbook, cancellationToken).ConfigureAwait(false)
            : [];
        return Result(report, source, history);
    }

    /// <summary>A validator that also warns about the secrets this server does not have.</summary>
    private PlaybookValidator Validator() => new() { SecretIsSet = engine.SecretIsSet };

    /// <summary>
    /// The report with a warning for each cycle of child playbooks (PB1009) it would make with the catalogue: the text
    /// checked stands before the catalogue's version of the same id and version, as it would once saved.
    /// </summary>
    private static ValidationReport WithChildCycles(ValidationReport report, CatalogSnapshot snapshot) =>
        report.Playbook is { } playbook && ChildCycles.StartsChildren(playbook)
            ? ChildCycles.Check(report, new PlaybookLookup(snapshot.Entries.Select(e => e.Definition).Prepend(playbook)))
            : report;

    /// <summary>The report of a catalogue version, read again from its file; or of a file left out under that id.</summary>
    private static (ValidationReport Report, string Source) ReportOf(PlaybookValidator validator, CatalogSnapshot snapshot, string playbookId, string? version)
    {
        if (snapshot.Versions(playbookId).Count == 0 && snapshot.Invalid.FirstOrDefault(p => p.PlaybookId == playbookId) is { } problem)
        {
            return (validator.ValidateFile(problem.Path), problem.Path);
        }

        var entry = CatalogLookup.Find(snapshot, playbookId, version);
        return (validator.ValidateText(entry.Content, entry.Path), entry.Path);
    }

    private static ToolResult Result(ValidationReport report, string source, IReadOnlyList<HistoryWarning> history)
    {
        var diagnostics = new JsonArray([.. report.Diagnostics.Take(DiagnosticView.MaxListed).Select(d => (JsonNode)DiagnosticView.ToJson(d))]);
        var structured = new JsonObject
        {
            ["valid"] = !report.HasErrors && report.Playbook is not null,
            ["source"] = source,
            ["playbook_id"] = report.Playbook?.Id,
            ["version"] = report.Playbook?.Version,
            ["error_count"] = report.ErrorCount,
            ["warning_count"] = report.WarningCount,
            ["diagnostics"] = diagnostics,
            ["history_warnings"] = new JsonArray([.. history.Select(w => (JsonNode)new JsonObject
            {
                ["source"] = "history",
                ["kind"] = EnumNames.ToName(w.Kind),
                ["step_id"] = w.StepId,
                ["message"] = w.Message,
            })]),
        };
        if (report.Diagnostics.Count > DiagnosticView.MaxListed)
        {
            structured["omitted"] = report.Diagnostics.Count - DiagnosticView.MaxListed;
        }

        var fromHistory = history.Count == 0 ? "" : $" {history.Count} warning{(history.Count == 1 ? "" : "s")} from past runs (history_warnings); first: {history[0].Message}";
        return new ToolResult(structured, Summary(report) + fromHistory);
    }

    private static string Summary(ValidationReport report)
    {
        var warnings = report.WarningCount switch { 0 => "no warnings", 1 => "1 warning", var n => $"{n} warnings" };
        if (!report.HasErrors)
        {
            return $"valid, {warnings}.";
        }

        var first = report.Diagnostics.First(d => d.IsError);
        var errors = report.ErrorCount == 1 ? "1 error" : $"{report.ErrorCount} errors";
        return $"{errors}; first: line {first.Line}, column {first.Column}: {first.Code} {first.Message}"
            + (string.IsNullOrEmpty(first.Fix) ? "" : $" (fix: {first.Fix})") + ". Fix the errors and validate again.";
    }
}
