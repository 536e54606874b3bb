using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Server.Mcp.Results;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>
/// The learning memory's insights as <c>get_insights</c> returns them. Texts recorded from scripts and users (error
/// examples, patterns, snippets of notes) are bounded to <see cref="MemoryFormat.MaxText"/> characters each.
/// </summary>
internal static class InsightsView
{
    public static JsonObject ToJson(InsightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["recommendations"] = Array(report.Recommendations, Recommendation),
            ["patterns"] = Array(report.Patterns, Pattern),
            ["retry_effectiveness"] = Array(report.Retries, Retry),
            ["flaky_steps"] = Array(report.FlakySteps, f => new JsonObject
            {
                ["playbook_id"] = f.PlaybookId,
                ["step_id"] = f.StepId,
                ["runs"] = f.Runs,
                ["flaky_runs"] = f.FlakyRuns,
                ["rate"] = MemoryFormat.Rate(f.Rate),
            }),
            ["opened_breakers"] = Array(report.OpenedBreakers, t => new JsonObject
            {
                ["target"] = t.Target,
                ["breaker_refusals"] = t.BreakerRefusals,
                ["last_refused_at"] = MemoryFormat.Time(t.LastRefusedAt),
                ["attempts"] = t.Attempts,
                ["failures"] = t.Failures,
            }),
            ["last_successful_inputs"] = Array(report.LastSuccessfulInputs, i => new JsonObject
            {
                ["playbook_id"] = i.PlaybookId,
                ["version"] = i.PlaybookVersion,
                ["execution_id"] = i.ExecutionId,
                ["inputs"] = Inputs(i.InputsJson),
                ["ended_at"] = MemoryFormat.Time(i.EndedAt),
            }),
            ["search"] = report.Search is { } hits ? Array(hits, Hit) : null,
        };
    }

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonObject> map) => new([.. items.Select(i => (JsonNode)map(i))]);

    private static JsonObject Recommendation(Recommendation r) => new()
    {
        ["kind"] = EnumNames.ToName(r.Kind),
        ["playbook_id"] = r.PlaybookId,
        ["step_id"] = r.StepId,
        ["text"] = r.Text,
        ["evidence"] = new JsonObject(r.Evidence.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
    };

    private static JsonObject Pattern(ErrorPattern p) => new()
    {
        ["fingerprint"] = p.Fingerprint,
        ["pattern"] = MemoryFormat.Bound(p.Pattern),
        ["example"] = MemoryFormat.Bound(p.Example),
        ["count"] = p.Count,
        ["category"] = p.Category is { } category ? EnumNames.ToName(category) : null,
        ["playbook_id"] = p.PlaybookId,
        ["step_id"] = p.StepId,
        ["target"] = p.Target,
        ["first_seen"] = MemoryFormat.Time(p.FirstSeen),
        ["last_seen"] = MemoryFormat.Time(p.LastSeen),
    };

    private static JsonObject Retry(RetryEffectiveness r) => new()
    {
        ["playbook_id"] = r.PlaybookId,
        ["step_id"] = r.StepId,
        ["target"] = r.Target,
        ["after_category"] = EnumNames.ToName(r.AfterCategory),
        ["attempt"] = r.Attempt,
        ["trials"] = r.Trials,
        ["successes"] = r.Successes,
        ["rate"] = MemoryFormat.Rate(r.Rate),
    };

    private static JsonObject Hit(SearchHit h) => new()
    {
        ["kind"] = h.Kind == SearchHitKind.Note ? "note" : "error_pattern",
        ["id"] = h.Id,
        ["snippet"] = MemoryFormat.Bound(h.Snippet),
        ["playbook_id"] = h.PlaybookId,
        ["step_id"] = h.StepId,
        ["at"] = MemoryFormat.Time(h.At),
    };

    /// <summary>The inputs as JSON (bounded like step outputs), or the text when it is not JSON.</summary>
    private static JsonNode? Inputs(string json)
    {
        try
        {
            return OutputBounds.Bound(JsonNode.Parse(json));
        }
        catch (JsonException)
        {
            return MemoryFormat.Bound(json);
        }
    }
}
