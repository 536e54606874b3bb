using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/</c>: the executions page. The page is a shell (filters, two tables, the CSRF token); its script loads the
/// rows from <c>/ui/api/executions</c> and keeps them live from <c>/ui/api/events</c>.
/// </summary>
internal sealed class ExecutionsPage(DashboardCsrf csrf)
{
    private static readonly string Main = DashboardAssets.Text("executions.html");

    public Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var html = DashboardHtml.Page("Executions", DashboardGate.CallerOf(context), csrf.TokenFor(context), Main, "executions.js");
        return DashboardHtml.WriteAsync(context, StatusCodes.Status200OK, html);
    }
}
