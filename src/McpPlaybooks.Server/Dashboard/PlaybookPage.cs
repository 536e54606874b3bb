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

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (id, version) = PlaybookDetailEndpoint.Read(context);
        if (version is { Length: > 100 } || await reader.ReadAsync(id, version, context.RequestAborted).ConfigureAwait(false) is null)
        {
            await DashboardHtml.WriteMessageAsync(context, StatusCodes.Status404NotFound, "No such playbook", PlaybookDetailReader.UnknownMessage(id, version)).ConfigureAwait(false);
            return;
        }

        var main = Main
            .Replace("{{id}}", DashboardHtml.Encode(id), StringComparison.Ordinal)
            .Replace("{{version}}", DashboardHtml.Encode(version ?? ""), StringComparison.Ordinal);
        var title = "Playbook " + id + (version is null ? "" : " " + version);
        await DashboardHtml.WriteAsync(context, StatusCodes.Status200OK, DashboardHtml.Page(title, DashboardGate.CallerOf(context), csrf.TokenFor(context), main, "playbook.js")).ConfigureAwait(false);
    }
}
