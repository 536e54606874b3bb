using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/executions/{id}</c>: one execution. A shell (the CSRF token, the id); its script draws the step graph and
/// the steps from <c>/ui/api/executions/{id}</c>, keeps them live from the feed, and posts the controls. An id the
/// history does not have gets a 404 page.
/// </summary>
internal sealed class ExecutionPage(ExecutionDetailEndpoint details, DashboardCsrf csrf)
{
    private static readonly string Main = DashboardAssets.Text("execution.html");

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string ?? "";
        var caller = DashboardGate.CallerOf(context);
        if (await details.ReadAsync(id, caller, context.RequestAborted).ConfigureAwait(false) is null)
        {
            await DashboardHtml.WriteMessageAsync(context, StatusCodes.Status404NotFound, "No such execution", ExecutionDetailEndpoint.UnknownMessage(id)).ConfigureAwait(false);
            return;
        }

        var main = Main.Replace("{{id}}", DashboardHtml.Encode(id), StringComparison.Ordinal);
        await DashboardHtml.WriteAsync(context, StatusCodes.Status200OK, DashboardHtml.Page("Execution " + id, caller, csrf.TokenFor(context), main, "execution.js")).ConfigureAwait(false);
    }
}
