using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/insights</c>: the learning memory's view. A shell; its script draws per-playbook charts (success rate and
/// p50/p95 by day, each with a table) and the lists from <c>/ui/api/insights</c>, reloading at most every few seconds
/// when the live feed reports an execution that ended, or when asked.
/// </summary>
internal sealed class InsightsPage(DashboardCsrf csrf)
{
    private static readonly string Main = DashboardAssets.Text("insights.html");

    public Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var html = DashboardHtml.Page("Insights", DashboardGate.CallerOf(context), csrf.TokenFor(context), Main, "insights.js");
        return DashboardHtml.WriteAsync(context, StatusCodes.Status200OK, html);
    }
}
