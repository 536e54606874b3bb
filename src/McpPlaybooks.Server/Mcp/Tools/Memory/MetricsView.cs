using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>The learning memory's metrics and the breakers' current states as <c>get_execution_metrics</c> returns them, every list capped.</summary>
internal static class MetricsView
{
    /// <summary>The most items of each list (playbooks, steps, targets, breakers).</summary>
    public const int MaxItems = 20;

    public static JsonObject Playbook(PlaybookMetrics playbook, bool withSteps)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var json = new JsonObject
        {
            ["playbook_id"] = playbook.PlaybookId,
            ["runs"] = playbook.Runs,
            ["completed"] = playbook.Completed,
            ["failed"] = playbook.Failed,
            ["cancelled"] = playbook.Cancelled,
            ["rolled_back"] = playbook.RolledBack,
            ["rejected"] = playbook.Rejected,
            ["breaker_refused"] = playbook.BreakerRefused,
            ["success_rate"] = MemoryFormat.Rate(playbook.SuccessRate),
            ["p50_ms"] = MemoryFormat.Ms(playbook.DurationP50),
            ["p95_ms"] = MemoryFormat.Ms(playbook.DurationP95),
            ["mttr_ms"] = MemoryFormat.Ms(playbook.Mttr),
            ["last_run_at"] = MemoryFormat.Time(playbook.LastRunAt),
            ["last_success_at"] = MemoryFormat.Time(playbook.LastSuccessAt),
            ["error_categories"] = MemoryFormat.Categories(ErrorCategories(playbook)),
            ["incident_types"] = new JsonArray([.. playbook.IncidentTypes.Take(MaxItems).Select(i => (JsonNode)new JsonObject
            {
                ["type"] = i.IncidentType,
                ["runs"] = i.Runs,
                ["completed"] = i.Completed,
                ["cancelled"] = i.Cancelled,
                ["rejected"] = i.Rejected,
                ["breaker_refused"] = i.BreakerRefused,
                ["success_rate"] = MemoryFormat.Rate(i.SuccessRate),
            })]),
        };
        if (withSteps)
        {
            json["steps"] = new JsonArray([.. Steps(playbook).Take(MaxItems).Select(s => (JsonNode)Step(s))]);
            if (playbook.Steps.Count > MaxItems)
            {
                json["steps_omitted"] = playbook.Steps.Count - MaxItems;
            }
        }

        return json;
    }

    /// <summary>The steps, the ones that failed most first when there are more than a page of them.</summary>
    public static IEnumerable<StepMetrics> Steps(PlaybookMetrics playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        return playbook.Steps.Count <= MaxItems ? playbook.Steps : playbook.Steps.OrderByDescending(s => s.Failed).ThenByDescending(s => s.Attempts);
    }

    /// <summary>The playbook's failed attempts by category, summed over its steps.</summary>
    public static IEnumerable<CategoryCount> ErrorCategories(PlaybookMetrics playbook) =>
        playbook.Steps.SelectMany(s => s.ErrorCategories)
            .GroupBy(c => c.Category)
            .Select(g => new CategoryCount(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category);

    public static JsonObject Target(TargetMetrics target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new JsonObject
        {
            ["target"] = target.Target,
            ["attempts"] = target.Attempts,
            ["failures"] = target.Failures,
            ["error_categories"] = MemoryFormat.Categories(target.ErrorCategories),
            ["breaker_refusals"] = target.BreakerRefusals,
            ["last_refused_at"] = MemoryFormat.Time(target.LastRefusedAt),
        };
    }

    public static JsonObject Breaker(BreakerSnapshot breaker)
    {
        ArgumentNullException.ThrowIfNull(breaker);
        return new JsonObject
        {
            ["target"] = breaker.Target,
            ["state"] = breaker.State,
            ["open_until"] = MemoryFormat.Time(breaker.OpenUntil),
            ["failures"] = breaker.Failures,
            ["calls"] = breaker.Calls,
        };
    }

    /// <summary>The thresholds the breakers open by (<c>Resilience:Breaker:*</c>).</summary>
    public static JsonObject BreakerSettings(CircuitBreakerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new JsonObject
        {
            ["enabled"] = settings.Enabled,
            ["minimum_calls"] = settings.MinimumCalls,
            ["failure_ratio"] = settings.FailureRatio,
            ["window_seconds"] = settings.Window.TotalSeconds,
            ["open_seconds"] = settings.OpenDuration.TotalSeconds,
        };
    }

    private static JsonObject Step(StepMetrics step) => new()
    {
        ["step_id"] = step.StepId,
        ["runs"] = step.Runs,
        ["completed"] = step.Completed,
        ["failed"] = step.Failed,
        ["breaker_refused"] = step.BreakerRefused,
        ["skipped"] = step.Skipped,
        ["attempts"] = step.Attempts,
        ["success_rate"] = MemoryFormat.Rate(step.SuccessRate),
        ["p50_ms"] = MemoryFormat.Ms(step.DurationP50),
        ["p95_ms"] = MemoryFormat.Ms(step.DurationP95),
        ["timeouts"] = step.Timeouts,
        ["gate_timeouts"] = step.GateTimeouts,
        ["error_categories"] = MemoryFormat.Categories(step.ErrorCategories),
    };
}
