using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Memory;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/api/insights?days=N</c> (1 to 365, default 30): the insights page's figures (<see cref="InsightsData"/>), read
/// from the learning memory's aggregates (the same figures as <c>get_execution_metrics</c> and <c>get_insights</c>, whose
/// recommendations compare with the catalogue's current definitions) and from the breakers' state now.
/// </summary>
internal sealed class InsightsEndpoint(PlaybookEngine engine, PlaybookCatalog catalog, TimeProvider time)
{
    public const int DefaultDays = 30;

    public const int MaxDays = 365;

    /// <summary>The most items of each all-history list.</summary>
    public const int Limit = 20;

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Request.Query["days"].ToString();
        var days = DefaultDays;
        if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > MaxDays))
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad request", $"days must be a whole number from 1 to {MaxDays}").ConfigureAwait(false);
            return;
        }

        var data = await ReadAsync(days, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, data, DashboardJson.Default.InsightsData, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task<InsightsData> ReadAsync(int days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var since = today.AddDays(1 - days);
        var memory = engine.Memory;
        var metrics = await memory.GetMetricsAsync(new MetricsQuery { Since = since }, cancellationToken).ConfigureAwait(false);
        var points = (await memory.GetDaysAsync(null, since, cancellationToken).ConfigureAwait(false)).ToLookup(d => d.PlaybookId, StringComparer.Ordinal);
        var snapshot = catalog.Current;
        var insights = await memory.GetInsightsAsync(new InsightsQuery { Limit = Limit }, id => snapshot.Find(id)?.Definition, cancellationToken).ConfigureAwait(false);
        return new InsightsData
        {
            LearningMemory = memory.IsEnabled,
            Days = days,
            Since = since,
            Today = today,
            Playbooks = [.. metrics.Playbooks.Select(p => Trend(p, points[p.PlaybookId]))],
            ErrorCategories = Categories(metrics.Playbooks.SelectMany(p => p.Steps).SelectMany(s => s.ErrorCategories)),
            FlakySteps = insights.FlakySteps,
            ErrorPatterns = [.. insights.Patterns.Select(p => new PatternView(p.PlaybookId, p.StepId, p.Category is { } c ? EnumNames.ToName(c) : null, p.Pattern, p.Count, p.LastSeen))],
            OpenBreakers = [.. engine.Breakers.Where(b => b.State != "closed").OrderBy(b => b.Target, StringComparer.Ordinal)],
            RefusedTargets = [.. insights.OpenedBreakers.Select(t => new RefusedTargetView(t.Target, t.Attempts, t.Failures, t.BreakerRefusals, t.LastRefusedAt))],
            Recommendations = [.. insights.Recommendations.Select(r => new RecommendationView(EnumNames.ToName(r.Kind), r.PlaybookId, r.StepId, r.Text))],
        };
    }

    private static PlaybookTrend Trend(PlaybookMetrics playbook, IEnumerable<PlaybookDay> days) => new()
    {
        PlaybookId = playbook.PlaybookId,
        Runs = playbook.Runs,
        Completed = playbook.Completed,
        Failed = playbook.Failed,
        Cancelled = playbook.Cancelled,
        RolledBack = playbook.RolledBack,
        SuccessRate = playbook.SuccessRate,
        P50Ms = playbook.DurationP50?.TotalMilliseconds,
        P95Ms = playbook.DurationP95?.TotalMilliseconds,
        ErrorCategories = Categories(playbook.Steps.SelectMany(s => s.ErrorCategories)),
        Points = [.. days.Select(d => new DayPoint(d.Day, d.Runs, d.Completed, d.Failed + d.RolledBack, d.SuccessRate, d.DurationP50?.TotalMilliseconds, d.DurationP95?.TotalMilliseconds))],
    };

    private static List<CategoryView> Categories(IEnumerable<CategoryCount> counts) =>
        [.. counts
            .GroupBy(c => c.Category)
            .Select(g => new CategoryView(EnumNames.ToName(g.Key), g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal)];
}
