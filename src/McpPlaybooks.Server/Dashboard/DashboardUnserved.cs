using McpPlaybooks.Server.Hosting.Http;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// What a path under <c>/ui</c> that no dashboard endpoint serves answers (404), or one asked with a method it does not
/// take (405): in the dashboard's shape and with its headers (<see cref="DashboardGate.Secure"/>), a page for people and
/// the API's <c>{"error","message"}</c> under <c>/ui/api</c>, never the MCP endpoint's JSON-RPC error.
/// </summary>
internal static class DashboardUnserved
{
    private const string Root = "/ui";

    private const string Api = "/ui/api";

    /// <summary>Whether the path is the dashboard's (<c>/ui</c> and below).</summary>
    public static bool Covers(HttpContext context) => context?.Request.Path.StartsWithSegments(Root) ?? false;

    public static Task WriteAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        DashboardGate.Secure(context.Response);
        var path = RequestText.Path(context);
        var (title, message) = status == StatusCodes.Status405MethodNotAllowed
            ? ("Method not allowed", $"{path} does not take {RequestText.Bound(context.Request.Method)}.")
            : ("Not found", $"The dashboard has nothing at {path}.");
        if (context.Request.Path.StartsWithSegments(Api))
        {
            return DashboardResponses.ProblemAsync(context, status, title, message + " The dashboard's pages read its API; open them instead, starting at " + DashboardRoutes.Home + ".");
        }

        return DashboardHtml.WriteMessageAsync(context, status, title,
            $"{message} Its pages are the executions ({DashboardRoutes.Home}), the playbooks ({DashboardRoutes.Playbooks}) and the insights ({DashboardRoutes.Insights}).");
    }
}
