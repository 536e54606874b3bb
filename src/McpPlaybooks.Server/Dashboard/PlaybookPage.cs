using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/playbooks/{id}?version=</c>: one playbook. A shell (the id and version); its script shows the YAML with its
/// problems beside their lines, the plan as a graph and the track record from <c>/ui/api/playbooks/{id}</c>. An unknown
/// id or version gets a 404 page.
/// </summary>
internal sealed class PlaybookPage(PlaybookDetailReader reader, DashboardCsrf csrf)
{
    private static readonly string Main = DashboardAssets.Text("playbook.html");

    public Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (id, version) = PlaybookDetailEndpoint.Read(context);
        if (version is { Length: > 100 } || !reader.Exists(id, version))
        {
            return DashboardHtml.WriteMessageAsync(context, StatusCodes.Status404NotFound, "No such playbook", PlaybookDetailReader.UnknownMessage(id, version));
        }

        var main = Main
            .Replace("{{id}}", DashboardHtml.Encode(id), StringComparison.Ordinal)
            .Replace("{{version}}", DashboardHtml.Encode(version ?? ""), StringComparison.Ordinal);
        var title = "Playbook " + id + (version is null ? "" : " " + version);
        return DashboardHtml.WriteAsync(context, StatusCodes.Status200OK, DashboardHtml.Page(title, DashboardGate.CallerOf(context), csrf.TokenFor(context), main, "playbook.js"));
    }
}
