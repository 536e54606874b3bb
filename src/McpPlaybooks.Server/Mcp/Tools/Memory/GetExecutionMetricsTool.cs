using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Resilience;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>
/// <c>get_execution_metrics</c>: the learning memory's numbers (success rates, p50/p95 durations, MTTR, error categories)
/// per playbook, with its steps for one playbook, the targets that failed or whose breaker opened, and the breakers'
/// states now; with an execution, the breakers its attempts met and their states now. Every list is capped at <see cref="MetricsView.MaxItems"/>, and what is cut is counted.
/// </summary>
internal sealed class GetExecutionMetricsTool(PlaybookEngine engine, PlaybookCatalog catalog, TimeProvider time, ILogger<GetExecutionMetricsTool> logger)
    : PlaybookTool(Declaration, logger)
{
    private const string Name = "get_execution_metrics";

    private static readonly ToolDefinition Declaration = new()
    {
        Name = Name,
        Title = "Execution metrics",
        Description = "Runs in numbers per playbook (steps with playbook_id): success, p50/p95, MTTR, errors; failing targets; breakers.",
        Parameters =
        [
            ToolParameter.String("playbook_id", "With its steps"),
            ToolParameter.String("since", "ISO date, 7d or 24h; from that UTC day's start"),
            ToolParameter.String("execution_id", "Breakers it met"),
        ],
        OutputSchema = MetricsSchema.Schema,
        ReadOnly = true,
        Idempotent = true,
    };

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var playbookId = call.Arguments.String("playbook_id");
        var since = MemoryLookup.Since(call.Arguments.String("since"), time.GetUtcNow(), Name);
        if (playbookId is not null)
        {
            await MemoryLookup.RequirePlaybookAsync(engine, catalog.Current, playbookId, Name, cancellationToken).ConfigureAwait(false);
        }

        var report = await engine.Memory.GetMetricsAsync(new MetricsQuery { PlaybookId = playbookId, Since = since }, cancellationToken).ConfigureAwait(false);
        var targets = report.Targets.Where(t => t.Failures > 0 || t.BreakerRefusals > 0)
            .OrderByDescending(t => t.BreakerRefusals).ThenByDescending(t => t.Failures).ThenBy(t => t.Target, StringComparer.Ordinal)
            .ToList();
        var ofPlaybook = report.Targets.Select(t => t.Target).ToHashSet(StringComparer.Ordinal);
        var breakers = engine.Breakers
            .Where(b => playbookId is null || ofPlaybook.Contains(b.Target))
            .OrderBy(b => b.State == "closed").ThenBy(b => b.Target, StringComparer.Ordinal)
            .ToList();

        var structured = new JsonObject
        {
            ["since"] = MemoryFormat.Time(report.Since),
            ["playbooks"] = new JsonArray([.. report.Playbooks.Take(MetricsView.MaxItems).Select(p => (JsonNode)MetricsView.Playbook(p, withSteps: playbookId is not null))]),
            ["targets"] = new JsonArray([.. targets.Take(MetricsView.MaxItems).Select(t => (JsonNode)MetricsView.Target(t))]),
            ["breakers"] = new JsonArray([.. breakers.Take(MetricsView.MaxItems).Select(b => (JsonNode)MetricsView.Breaker(b))]),
            ["breaker_settings"] = MetricsView.BreakerSettings(engine.Options.Breakers),
        };
        var executionId = call.Arguments.String("execution_id");
        if (executionId is not null)
        {
            structured["execution"] = await ExecutionBreakers.ReadAsync(engine, executionId, cancellationToken).ConfigureAwait(false);
        }

        var omitted = new JsonObject();
        AddOmitted(omitted, "playbooks", report.Playbooks.Count);
        AddOmitted(omitted, "targets", targets.Count);
        AddOmitted(omitted, "breakers", breakers.Count);
        if (omitted.Count > 0)
        {
            structured["omitted"] = omitted;
        }

        return new ToolResult(structured, Summary(report, playbookId, breakers));
    }

    private static void AddOmitted(JsonObject omitted, string list, int count)
    {
        if (count > MetricsView.MaxItems)
        {
            omitted[list] = count - MetricsView.MaxItems;
        }
    }

    private static string Summary(MetricsReport report, string? playbookId, List<BreakerSnapshot> breakers)
    {
        var window = report.Since is { } since ? " since " + since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        var open = breakers.Where(b => b.State != "closed").Select(b => $"{b.Target} ({b.State.Replace('_', '-')})").ToList();
        var breakerText = open.Count == 0 ? " No circuit breaker is open." : $" Breakers not closed now: {string.Join(", ", open.Take(3))}.";
        if (report.Playbooks.Count == 0)
        {
            return $"No finished runs of {(playbookId is null ? "any playbook" : playbookId)}{window} in the memory (dry runs are not counted).{breakerText}";
        }

        if (playbookId is not null)
        {
            var playbook = report.Playbooks[0];
            var failing = playbook.Steps.Where(s => s.Failed > 0 || s.ErrorCategories.Count > 0)
                .OrderByDescending(s => s.Failed).ThenByDescending(s => s.ErrorCategories.Sum(c => c.Count)).Take(3)
                .Select(s => $"{s.StepId} ({(s.Failed == 0 ? "no run failed" : $"failed in {s.Failed} of {s.Runs} runs")}"
                    + (s.BreakerRefused == 0 ? "" : $", refused by an open circuit breaker in {s.BreakerRefused} of {s.Runs}")
                    + (s.ErrorCategories.Count == 0 ? "" : $"; failed attempts: {string.Join(", ", s.ErrorCategories.Take(2).Select(c => $"{Engine.Definitions.EnumNames.ToName(c.Category)} ×{c.Count}"))}") + ")")
                .ToList();
            var mttr = playbook.Mttr is { } m ? $", MTTR {MemoryFormat.Duration(m)}" : "";
            return $"{Line(playbook)}{mttr}{window}; "
                + (failing.Count == 0 ? "no step failed." : $"failing steps: {string.Join("; ", failing)}.")
                + breakerText;
        }

        var shown = string.Join("; ", report.Playbooks.Take(5).Select(Line));
        var more = report.Playbooks.Count > 5 ? $"; and {report.Playbooks.Count - 5} more" : "";
        return $"{MemoryFormat.Count(report.Playbooks.Count, "playbook")}, {MemoryFormat.Count(report.Playbooks.Sum(p => p.Runs), "run")}{window}: {shown}{more}.{breakerText}";
    }

    /// <summary><c>restart-web: 8 runs, 75% success, p95 41s</c>.</summary>
    private static string Line(PlaybookMetrics playbook) =>
        $"{playbook.PlaybookId}: {MemoryFormat.Count(playbook.Runs, "run")}, {MemoryFormat.Percent(playbook.SuccessRate)} success"
        + (playbook.DurationP95 is { } p95 ? $", p95 {MemoryFormat.Duration(p95)}" : "");
}
