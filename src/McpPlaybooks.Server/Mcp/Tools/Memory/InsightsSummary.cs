using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Memory;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>
/// The one-paragraph summary of <c>get_insights</c>, what a model reads first: the recommendations, then the top error
/// pattern, what retries achieve, flaky steps, and the search hits.
/// </summary>
internal static class InsightsSummary
{
    private const int MaxPattern = 120;

    public static string Of(InsightsReport report, string? playbookId, string? stepId, string? query)
    {
        ArgumentNullException.ThrowIfNull(report);
        var scope = playbookId is null ? "All playbooks" : stepId is null ? playbookId : $"{playbookId}/{stepId}";
        var parts = new List<string>();
        if (report.Recommendations.Count > 0)
        {
            parts.Add($"{MemoryFormat.Count(report.Recommendations.Count, "recommendation")}: {string.Join("; ", report.Recommendations.Take(3).Select(r => r.Text))}");
        }

        if (report.Patterns.Count > 0)
        {
            var top = report.Patterns[0];
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{MemoryFormat.Count(report.Patterns.Count, "error pattern")}, top: \"{MemoryFormat.Bound(top.Pattern, MaxPattern)}\" ×{top.Count} in {top.StepId}"));
        }

        var retries = report.Retries.Take(2).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"after {EnumNames.ToName(r.AfterCategory)}, attempt {r.Attempt} of {r.StepId} succeeded {r.Successes} of {r.Trials}")).ToList();
        if (retries.Count > 0)
        {
            parts.Add("retries: " + string.Join("; ", retries));
        }

        if (report.FlakySteps.Count > 0)
        {
            parts.Add("flaky: " + string.Join(", ", report.FlakySteps.Take(3).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.StepId} ({f.FlakyRuns} of {f.Runs} runs)"))));
        }

        if (report.OpenedBreakers.Count > 0)
        {
            parts.Add($"breakers opened on {string.Join(", ", report.OpenedBreakers.Take(3).Select(t => t.Target))}");
        }

        if (query is not null && report.Search is { } hits)
        {
            var notes = hits.Count(h => h.Kind == SearchHitKind.Note);
            parts.Add(hits.Count == 0
                ? $"no note or error matches \"{MemoryFormat.Bound(query, 60)}\""
                : $"search: {MemoryFormat.Count(notes, "note")} and {MemoryFormat.Count(hits.Count - notes, "error pattern")} match");
        }

        if (parts.Count == 0)
        {
            return $"{scope}: no recommendation, error pattern, retry or flaky step yet. Store what you learn with record_learning.";
        }

        return $"{scope}: {string.Join(". ", parts)}. {MemoryFormat.DataNote}";
    }
}
