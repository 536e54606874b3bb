using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>
/// <c>get_playbook</c>: one playbook version in full: definition (triggers, inputs, safety, steps), every version with
/// its lifecycle status, a summary of its history, the validator's warnings, and its YAML (bounded).
/// </summary>
internal sealed class GetPlaybookTool(PlaybookEngine engine, PlaybookCatalog catalog, ILogger<GetPlaybookTool> logger)
    : PlaybookTool(Declaration, logger)
{
    /// <summary>The most YAML characters returned; the <c>playbook://{id}</c> resource has the whole text.</summary>
    public const int MaxYaml = 16 * 1024;

    private const int MaxDescription = 2000;

    private static readonly ToolDefinition Declaration = new()
    {
        Name = "get_playbook",
        Title = "Get a playbook",
        Description = "One playbook in full: inputs (types, defaults), safety, steps, versions with status, run history, "
            + "warnings, YAML. Read it to fill execute_playbook's inputs.",
        Parameters =
        [
            ToolParameter.String("playbook_id", "Playbook id, from list_playbooks", required: true),
            ToolParameter.String("version", "Default: the latest"),
        ],
        OutputSchema = ToolSchemas.Output("playbook_id:string", "version:string", "status:string", "inputs:array"),
        ReadOnly = true,
        Idempotent = true,
    };

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var snapshot = catalog.Current;
        var entry = CatalogLookup.Find(snapshot, call.Arguments.Required("playbook_id"), call.Arguments.String("version"));
        var playbook = entry.Definition;
        var statuses = await CatalogStatuses.ReadAsync(engine, snapshot, entry.Id, cancellationToken).ConfigureAwait(false);
        var status = statuses[entry.Version];
        var versions = new JsonArray([.. snapshot.Versions(entry.Id).Select(v => (JsonNode)new JsonObject { ["version"] = v.Version, ["status"] = EnumNames.ToName(statuses[v.Version]) })]);

        var record = await PlaybookRecord.LoadAsync(engine, entry.Id, cancellationToken).ConfigureAwait(false);
        var structured = new JsonObject
        {
            ["playbook_id"] = playbook.Id,
            ["name"] = playbook.Name,
            ["version"] = playbook.Version,
            ["status"] = EnumNames.ToName(status),
            ["description"] = playbook.Description is { Length: > MaxDescription } text ? text[..MaxDescription] + "…" : playbook.Description,
            ["owner"] = playbook.Owner,
            ["tags"] = new JsonArray([.. playbook.Tags.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["triggers"] = PlaybookDetails.Triggers(playbook),
            ["inputs"] = PlaybookDetails.Inputs(playbook),
            ["safety"] = PlaybookDetails.Safety(playbook.Safety),
            ["steps"] = PlaybookDetails.Steps(playbook),
            ["on_failure"] = EnumNames.ToName(playbook.OnFailure),
            ["timeout"] = playbook.Timeout is { } timeout ? Durations.Format(timeout) : null,
            ["versions"] = versions,
            ["history"] = record.ToJson(),
            ["warnings"] = DiagnosticView.Lines(entry.Warnings),
            ["path"] = entry.Path,
            ["yaml"] = entry.Content.Length <= MaxYaml ? entry.Content : entry.Content[..MaxYaml],
        };
        if (entry.Content.Length > MaxYaml)
        {
            structured["yaml_note"] = string.Create(CultureInfo.InvariantCulture,
                $"the YAML is {entry.Content.Length} characters; the first {MaxYaml} are shown. Read the resource playbook://{entry.Id} for the whole text.");
        }

        return new ToolResult(structured, Summary(entry, status, record, versions.Count));
    }

    private static string Summary(CatalogEntry entry, Engine.Lifecycle.PlaybookStatus status, PlaybookRecord record, int versions)
    {
        var playbook = entry.Definition;
        var required = playbook.Inputs.Where(i => i.Required).Select(i => i.Name).ToList();
        var rate = record.SuccessRate is { } r ? string.Create(CultureInfo.InvariantCulture, $", {Math.Round(r * 100)}% completed") : "";
        return $"{playbook.Id} {playbook.Version} ({EnumNames.ToName(status)}, {versions} version{(versions == 1 ? "" : "s")}): "
            + $"{playbook.Steps.Count} steps; required inputs: {(required.Count == 0 ? "none" : string.Join(", ", required))}; "
            + $"{record.Runs} real run{(record.Runs == 1 ? "" : "s")}{rate}. "
            + $"Next: execute_playbook with dry_run=true.";
    }
}
