using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/playbooks</c>: the catalogue. A shell; its script lists the playbooks and the invalid files from
/// <c>/ui/api/playbooks</c>, and reloads them when the live feed reports an execution that ended (their track records change).
/// </summary>
internal sealed class PlaybooksPage(DashboardCsrf csrf)
{
    private static readonly string Main = DashboardAssets.Text("playbooks.html");

    public Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var html = DashboardHtml.Page("Playbooks", DashboardGate.CallerOf(context), csrf.TokenFor(context), Main, "playbooks.js");
        return DashboardHtml.WriteAsync(context, StatusCodes.Status200OK, html);
    }
}
