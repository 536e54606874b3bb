using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Lifecycle;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.Logging;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>
/// <c>save_playbook</c>: with <c>yaml</c>, stores a new version (validated; a draft unless told otherwise) as
/// <c>&lt;data-dir&gt;/playbooks/&lt;id&gt;@&lt;version&gt;.yaml</c>; saving the same text again changes nothing, and another
/// text under an existing version is refused (versions are immutable). Without <c>yaml</c>, moves a version along its
/// lifecycle (draft → active → deprecated → archived), as the engine allows.
/// </summary>
internal sealed class SavePlaybookTool(PlaybookEngine engine, PlaybookCatalog catalog, ILogger<SavePlaybookTool> logger)
    : PlaybookTool(Declaration, logger)
{
    /// <summary>The longest YAML text accepted.</summary>
    public const int MaxYaml = 256 * 1024;

    private const string NextStep = "Next: dry-run it with plan_playbook, then publish with save_playbook status=active.";

    private static readonly ToolDefinition Declaration = new()
    {
        Name = "save_playbook",
        Title = "Save a playbook",
        Description = "Store a new version from yaml (validated; a draft, which only dry-runs), or set a version's status: "
            + "active publishes it. Versions are immutable.",
        Parameters =
        [
            ToolParameter.String("yaml", "YAML text of a new version", maxLength: MaxYaml),
            ToolParameter.String("playbook_id", "Playbook whose status to set"),
            ToolParameter.String("version", "Default: the latest"),
            ToolParameter.Enum("status", "Default for new yaml: draft", [.. Enum.GetValues<PlaybookStatus>().Select(EnumNames.ToName)]),
        ],
        OutputSchema = Root(Obj(("playbook_id", Str), ("version", Str), ("status", Str), ("path", Str), ("created", Bool), ("unchanged", Bool), ("warnings", Strs))),
        Idempotent = true,
    };

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var arguments = call.Arguments;
        PlaybookStatus? status = arguments.String("status") is { } name && EnumNames.TryParse<PlaybookStatus>(name, out var parsed) ? parsed : null;
        if (arguments.String("yaml") is { } yaml)
        {
            if (yaml.Length > MaxYaml)
            {
                throw new ToolErrorException($"yaml is {yaml.Length} characters long; at most {MaxYaml} are accepted. Split the playbook (a playbook step runs another).");
            }

            return await SaveAsync(call, yaml, status, cancellationToken).ConfigureAwait(false);
        }

        if (arguments.String("playbook_id") is not { } playbookId || status is not { } target)
        {
            throw new ToolErrorException("save_playbook needs either yaml (the text of a new version, saved as a draft) "
                + "or playbook_id and status (draft, active, deprecated or archived) to move a saved version along its lifecycle.");
        }

        var entry = CatalogLookup.Find(catalog.Current, playbookId, arguments.String("version"));
        var before = await CatalogStatuses.ReadAsync(engine, catalog.Current, entry.Id, cancellationToken).ConfigureAwait(false);
        await SetStatusAsync(entry.Id, entry.Version, target, call.Identity, cancellationToken).ConfigureAwait(false);
        var after = await CatalogStatuses.ReadAsync(engine, catalog.Current, entry.Id, cancellationToken).ConfigureAwait(false);
        var unchanged = before[entry.Version] == target;
        var summary = unchanged
            ? $"{entry.Id} {entry.Version} is already {Name(target)}; nothing changed."
            : $"{entry.Id} {entry.Version} moved from {Name(before[entry.Version])} to {Name(target)}." + Others(entry.Version, before, after)
                + (target == PlaybookStatus.Active ? " It now runs for real with execute_playbook." : "");
        return Result(entry, target, created: false, unchanged, summary);
    }

    private async Task<ToolResult> SaveAsync(ToolCall call, string yaml, PlaybookStatus? status, CancellationToken cancellationToken)
    {
        if (catalog.SaveDirectory is null)
        {
            throw new ToolErrorException("saving is off on this server (no save directory); add the playbook file to a playbook folder instead.");
        }

        var prepared = catalog.Prepare(yaml);
        if (!prepared.IsValid)
        {
            var errors = prepared.Report.Diagnostics.Where(d => d.IsError).ToList();
            throw new ToolErrorException($"the playbook has {errors.Count} error{(errors.Count == 1 ? "" : "s")} and was not saved:\n"
                + DiagnosticView.FormatAll(errors) + "\nFix them (validate_playbook checks a text without saving), then call save_playbook again.");
        }

        var playbook = prepared.Report.Playbook!;
        CheckMatches(call.Arguments, playbook);
        if (prepared.Conflict)
        {
            var latest = catalog.Current.Versions(playbook.Id)[0].Version;
            throw new ToolErrorException($"playbook {playbook.Id} version {playbook.Version} exists with another text ({prepared.Existing!.Path}): "
                + $"versions are immutable; bump `version` in the yaml, the latest is {latest}, and call save_playbook again.");
        }

        if (prepared.Unchanged)
        {
            var entry = prepared.Existing!;
            var current = await engine.GetPlaybookStatusAsync(entry.Id, entry.Version, cancellationToken).ConfigureAwait(false);
            if (status is { } wanted && wanted != current)
            {
                await SetStatusAsync(entry.Id, entry.Version, wanted, call.Identity, cancellationToken).ConfigureAwait(false);
                return Result(entry, wanted, created: false, unchanged: false,
                    $"{entry.Id} {entry.Version} was already saved with this text; it moved from {Name(current)} to {Name(wanted)}.");
            }

            return Result(entry, current, created: false, unchanged: true,
                $"{entry.Id} {entry.Version} is already saved with this very text ({Name(current)}); nothing changed. "
                + "To change it, bump `version` and save again.");
        }

        // The status goes first: a version with no recorded status counts as active, so the file must not appear before it.
        var first = status ?? PlaybookStatus.Draft;
        await SetStatusAsync(playbook.Id, playbook.Version, first, call.Identity, cancellationToken).ConfigureAwait(false);
        var saved = await catalog.WriteAsync(prepared, cancellationToken).ConfigureAwait(false);
        var warnings = saved.Warnings.Count == 0 ? "" : $" with {saved.Warnings.Count} warning{(saved.Warnings.Count == 1 ? "" : "s")} (see warnings)";
        var next = first == PlaybookStatus.Draft ? " " + NextStep : "";
        return Result(saved, first, created: true, unchanged: false, $"Saved {saved.Id} {saved.Version} as {Name(first)}{warnings} to {saved.Path}.{next}");
    }

    /// <summary>A <c>playbook_id</c> or <c>version</c> given beside <c>yaml</c> must agree with the text.</summary>
    private static void CheckMatches(ToolArguments arguments, PlaybookDefinition playbook)
    {
        if (arguments.String("playbook_id") is { } id && id != playbook.Id)
        {
            throw new ToolErrorException($"playbook_id '{id}' does not match the yaml's id '{playbook.Id}'; the text decides: drop playbook_id or fix the id.");
        }

        if (arguments.String("version") is { } version && version != playbook.Version)
        {
            throw new ToolErrorException($"version '{version}' does not match the yaml's version '{playbook.Version}'; the text decides: drop version or fix it in the yaml.");
        }
    }

    /// <summary>Moves a version; publishing it deprecates the other versions of the catalogue, recorded or active by default.</summary>
    private Task SetStatusAsync(string playbookId, string version, PlaybookStatus status, string actor, CancellationToken cancellationToken) =>
        engine.SetPlaybookStatusAsync(playbookId, version, status, actor, [.. catalog.Current.Versions(playbookId).Select(v => v.Version)], cancellationToken);

    /// <summary>" Version 1.0.0 became deprecated." for the other versions the move changed (publishing deprecates the active one).</summary>
    private static string Others(string version, Dictionary<string, PlaybookStatus> before, Dictionary<string, PlaybookStatus> after)
    {
        var changed = after.Where(p => p.Key != version && before.TryGetValue(p.Key, out var old) && old != p.Value).ToList();
        return string.Concat(changed.Select(p => $" Version {p.Key} became {Name(p.Value)}."));
    }

    private static ToolResult Result(CatalogEntry entry, PlaybookStatus status, bool created, bool unchanged, string summary) =>
        new(new JsonObject
        {
            ["playbook_id"] = entry.Id,
            ["version"] = entry.Version,
            ["status"] = Name(status),
            ["path"] = entry.Path,
            ["created"] = created,
            ["unchanged"] = unchanged,
            ["warnings"] = DiagnosticView.Lines(entry.Warnings),
        }, summary);

    private static string Name(PlaybookStatus status) => EnumNames.ToName(status);
}
