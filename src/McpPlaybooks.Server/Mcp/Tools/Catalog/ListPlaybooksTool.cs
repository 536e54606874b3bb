using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Server.Mcp.Tools.Memory;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.Logging;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>
/// <c>list_playbooks</c>: the catalogue (the latest version of each playbook), filtered by words and a tag, or ranked
/// against an incident by trigger match × past success (<see cref="TriggerScorer"/>: fit × specificity of the matched
/// fields, named in <c>matched</c>; × <see cref="PastSuccess"/>, a Beta(2,2) smoothed success rate from the learning
/// memory, so that a new playbook is not buried); and the files left out as invalid, so a caller learns why an id is missing.
/// </summary>
internal sealed class ListPlaybooksTool(PlaybookEngine engine, PlaybookCatalog catalog, ILogger<ListPlaybooksTool> logger)
    : PlaybookTool(Declaration, logger)
{
    private const int DefaultLimit = 20;
    private const int MaxDescription = 200;
    private const int MaxInvalid = 20;

    private static readonly ToolDefinition Declaration = new()
    {
        Name = "list_playbooks",
        Title = "List playbooks",
        Description = "The catalogue: latest version of each playbook with status, inputs, success rate. With incident: "
            + "ranked by trigger match × past success. Next: get_playbook.",
        Parameters =
        [
            ToolParameter.String("query", "Words in id, name, description or tags"),
            ToolParameter.String("tag", "An exact tag"),
            ToolParameter.ObjectOrText("incident", "{type,severity,service,root_cause,...}; words as {\"text\": ...}"),
            ToolParameter.Integer("limit", "Most results (default 20)", 1, 100),
        ],
        OutputSchema = Root(Obj(
            ("playbooks", ArrayOf(Obj(
                ("playbook_id", Str),
                ("name", Str),
                ("version", Str),
                ("status", Str),
                ("description", Str),
                ("tags", Strs),
                ("inputs", ArrayOf(Obj(("name", Str), ("type", Str), ("required", Bool)))),
                ("requires_approval", Bool),
                ("runs_shell", Bool),
                ("success_rate?", Num),
                ("runs", Int),
                ("rank?", Num),
                ("match?", Num),
                ("matched?", Strs),
                ("past_success?", Num),
                ("reasons?", Strs),
                ("past?", Str)))),
            ("total", Int),
            ("invalid", ArrayOf(Obj(("path", Str), ("playbook_id?", Str), ("message", Str)))))),
        ReadOnly = true,
        Idempotent = true,
    };

    private readonly TriggerScorer _scorer = new();

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var arguments = call.Arguments;
        var snapshot = catalog.Current;
        var words = (arguments.String("query") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tag = arguments.String("tag");
        var incident = arguments.Json("incident") is { } json ? Incident.From(json) : null;
        var records = await engine.Memory.GetTrackRecordsAsync(cancellationToken).ConfigureAwait(false);
        var incidentTypes = incident?.Fields.GetValueOrDefault("type") ?? [];

        var candidates = new List<Candidate>();
        foreach (var entry in snapshot.Latest)
        {
            var playbook = entry.Definition;
            var haystack = words.Length == 0 ? "" : Haystack(playbook);
            var hits = words.Count(word => haystack.Contains(word, StringComparison.OrdinalIgnoreCase));
            if ((words.Length > 0 && hits == 0) || (tag is not null && !playbook.Tags.Contains(tag, StringComparer.Ordinal)))
            {
                continue;
            }

            var match = incident is null ? null : _scorer.Score(playbook, incident);
            if (incident is null || match is not null)
            {
                var record = records.GetValueOrDefault(entry.Id);
                candidates.Add(new Candidate(entry, hits, match, record, PastSuccess.Of(record, incidentTypes)));
            }
        }

        var ranked = candidates
            .OrderByDescending(c => c.Rank)
            .ThenByDescending(c => c.Match?.Score ?? 0)
            .ThenByDescending(c => c.Hits)
            .ThenByDescending(c => c.Record?.SuccessRate ?? -1)
            .ThenBy(c => c.Entry.Id, StringComparer.Ordinal)
            .Take((int)(arguments.Integer("limit") ?? DefaultLimit))
            .ToList();
        var statuses = await engine.GetPlaybookStatusesAsync([.. ranked.Select(c => (c.Entry.Id, c.Entry.Version))], cancellationToken).ConfigureAwait(false);
        var items = new JsonArray();
        foreach (var candidate in ranked)
        {
            items.Add((JsonNode)Item(candidate, EnumNames.ToName(statuses[(candidate.Entry.Id, candidate.Entry.Version)])));
        }

        var structured = new JsonObject
        {
            ["playbooks"] = items,
            ["total"] = candidates.Count,
            ["invalid"] = Invalid(snapshot),
        };
        return new ToolResult(structured, Summary(ranked, candidates.Count, incident is not null, snapshot.Invalid.Count));
    }

    private static JsonObject Item(Candidate candidate, string status)
    {
        var playbook = candidate.Entry.Definition;
        var item = new JsonObject
        {
            ["playbook_id"] = playbook.Id,
            ["name"] = playbook.Name,
            ["version"] = playbook.Version,
            ["status"] = status,
            ["description"] = Bound(playbook.Description ?? ""),
            ["tags"] = new JsonArray([.. playbook.Tags.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["inputs"] = new JsonArray([.. playbook.Inputs.Select(i => (JsonNode)new JsonObject
            {
                ["name"] = i.Name,
                ["type"] = EnumNames.ToName(i.Type),
                ["required"] = i.Required,
            })]),
            ["requires_approval"] = playbook.Safety.RequireApproval || playbook.Steps.Any(s => s.Approval is not null),
            ["runs_shell"] = playbook.Steps.Any(s => s.Action == "shell") || playbook.Finally.Any(a => a.Action == "shell"),
            ["success_rate"] = candidate.Record?.SuccessRate is { } rate ? Math.Round(rate, 2) : null,
            ["runs"] = candidate.Record?.Runs ?? 0,
        };
        if (candidate.Match is { } match)
        {
            item["rank"] = candidate.Rank;
            item["match"] = match.Score;
            item["matched"] = new JsonArray([.. match.Matched.Select(f => (JsonNode)JsonValue.Create(f))]);
            item["past_success"] = candidate.Past.Value;
            item["reasons"] = new JsonArray([.. match.Reasons.Take(6).Select(r => (JsonNode)JsonValue.Create(r))]);
            item["past"] = candidate.Past.Reason();
        }

        return item;
    }

    private static JsonArray Invalid(CatalogSnapshot snapshot) =>
        new([.. snapshot.Invalid.Take(MaxInvalid).Select(p => (JsonNode)new JsonObject
        {
            ["path"] = p.Path,
            ["playbook_id"] = p.PlaybookId,
            ["message"] = p.Errors.Count > 0 ? DiagnosticView.Format(p.Errors[0]) : "the file cannot be read",
        })]);

    private static string Summary(List<Candidate> ranked, int total, bool ranking, int invalid)
    {
        var shown = ranked.Count < total ? $"{ranked.Count} of {total} playbooks" : $"{total} playbook{(total == 1 ? "" : "s")}";
        var text = ranking && ranked.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{shown}; best match {ranked[0].Entry.Id} (rank {ranked[0].Rank} = match {ranked[0].Match!.Score} × past success {ranked[0].Past.Value}; matched {Matched(ranked[0].Match!)})")
            : ranking ? "no playbook's triggers match the incident; call list_playbooks with query instead" : shown;
        if (invalid > 0)
        {
            text += $"; {invalid} file{(invalid == 1 ? " is" : "s are")} left out as invalid (see invalid)";
        }

        return text + ".";
    }

    private static string Matched(IncidentMatch match) => match.Matched.Count == 0 ? "any incident" : string.Join(", ", match.Matched);

    private static string Haystack(PlaybookDefinition playbook) =>
        string.Join(' ', [playbook.Id, playbook.Name, playbook.Description ?? "", .. playbook.Tags]);

    private static string Bound(string text) => text.Length <= MaxDescription ? text : text[..(MaxDescription - 1)].TrimEnd() + "…";

    /// <summary>A playbook that passed the filters; <see cref="Rank"/> is trigger fit × past success (0 without an incident).</summary>
    private sealed record Candidate(CatalogEntry Entry, int Hits, IncidentMatch? Match, PlaybookTrackRecord? Record, PastSuccess Past)
    {
        public double Rank => Match is { } match ? Math.Round(match.Score * Past.Value, 2) : 0;
    }
}
