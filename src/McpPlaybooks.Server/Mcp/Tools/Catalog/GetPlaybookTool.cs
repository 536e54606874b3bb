using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.Logging;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>
/// <c>get_playbook</c>: one playbook version in full: definition (triggers, inputs, safety, steps), every version with
/// its lifecycle status, a summary of its history, the validator's warnings, and its YAML (bounded).
/// </summary>
internal sealed class GetPlaybookTool(PlaybookEngine engine, PlaybookCatalog catalog, ILogger<GetPlaybookTool> logger)
    : PlaybookTool(Declaration, logger)
{
    private const int MaxDescription = 2000;

    private static readonly ToolDefinition Declaration = new()
    {
        Name = "get_playbook",
        Title = "Get a playbook",
        Description = "One playbook: inputs (types, defaults), safety, steps, versions with status, run history, warnings; "
            + "links its YAML. Read it to fill plan_playbook's inputs.",
        Parameters =
        [
            ToolParameter.String("playbook_id", "Playbook id, from list_playbooks", required: true),
            ToolParameter.String("version", "Default: the latest"),
        ],
        OutputSchema = Root(
            Obj(
                ("playbook_id", Str),
                ("name", Str),
                ("version", Str),
                ("status", Str),
                ("description?", Str),
                ("owner?", Str),
                ("tags", Strs),
                ("triggers", ArrayOf(Obj(("severity?", Strs), ("type?", Strs), ("source?", Strs), ("service?", Strs), ("root_cause?", Str), ("min_confidence?", Num)))),
                ("inputs", ArrayOf(Ref("i"))),
                ("safety", Obj(("require_approval", Bool), ("dry_run_first", Bool), ("max_executions_per_hour?", Int), ("max_concurrent?", Int), ("blast_radius?", Int), ("separate_approver", Bool))),
                ("steps", ArrayOf(Obj(("id", Str), ("action", Str), ("needs", Strs), ("approval", Bool), ("rollback", Bool), ("timeout?", Str)))),
                ("on_failure", Str),
                ("timeout?", Str),
                ("versions", ArrayOf(Obj(("version", Str), ("status", Str)))),
                ("history", Obj(
                    ("runs", Int),
                    ("completed", Int),
                    ("failed", Int),
                    ("rejected", Int),
                    ("breaker_refused", Int),
                    ("active", Int),
                    ("dry_runs", Int),
                    ("success_rate?", Num),
                    ("last_run_at?", Str),
                    ("last_status?", Str),
                    ("recent", ArrayOf(Obj(("execution_id", Str), ("version", Str), ("status", Str), ("dry_run", Bool)))))),
                ("warnings", Strs),
                ("path", Str),
                ("yaml_uri", Str)),
            ("i", Obj(
                ("name?", Str),
                ("type", Str),
                ("required?", Bool),
                ("description?", Str),
                ("default?", Any),
                ("secret?", Bool),
                ("enum?", ArrayOf(Any)),
                ("pattern?", Str),
                ("minimum?", Num),
                ("maximum?", Num),
                ("min_length?", Num),
                ("max_length?", Num),
                ("items?", Ref("i")),
                ("min_items?", Num),
                ("max_items?", Num),
                ("properties?", Map),
                ("required_properties?", Strs),
                ("additional_properties?", Bool)))),
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
        var link = ResultLinks.Playbook(entry.Id, entry.Version);
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
            ["yaml_uri"] = link.Uri,
        };
        return new ToolResult(structured, Summary(entry, status, record, versions.Count)) { Links = [link] };
    }

    private static string Summary(CatalogEntry entry, Engine.Lifecycle.PlaybookStatus status, PlaybookRecord record, int versions)
    {
        var playbook = entry.Definition;
        var required = playbook.Inputs.Where(i => i.Required).Select(i => i.Name).ToList();
        var rate = record.SuccessRate is { } r ? string.Create(CultureInfo.InvariantCulture, $", {Math.Round(r * 100)}% completed") : "";
        return $"{playbook.Id} {playbook.Version} ({EnumNames.ToName(status)}, {versions} version{(versions == 1 ? "" : "s")}): "
            + $"{playbook.Steps.Count} steps; required inputs: {(required.Count == 0 ? "none" : string.Join(", ", required))}; "
            + $"{record.Runs} real run{(record.Runs == 1 ? "" : "s")}{rate}. "
            + $"Its YAML is the resource {ResultLinks.Playbook(entry.Id, entry.Version).Uri}. Next: plan_playbook.";
    }
}
