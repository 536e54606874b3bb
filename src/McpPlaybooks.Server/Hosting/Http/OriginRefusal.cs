using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Web;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The 403 of <see cref="OriginHostCheck"/> in the shape of what was asked: a page saying what to do for the dashboard's
/// pages (<c>/ui</c>) and the approval page (<c>/approve/…</c>), the dashboard's JSON error for its API
/// (<c>/ui/api/…</c>), and a JSON-RPC error for everything else (<c>/mcp</c> and the other endpoints of programs).
/// </summary>
internal static class OriginRefusal
{
    public static Task WriteAsync(HttpContext context, string header, string value)
    {
        ArgumentNullException.ThrowIfNull(context);
        var setting = header == "Host" ? "AllowedHosts" : "AllowedOrigins";
        var path = context.Request.Path;
        var status = StatusCodes.Status403Forbidden;
        if (path.StartsWithSegments("/ui/api"))
        {
            return DashboardResponses.ProblemAsync(context, status, Title(header), Refused(header, value, setting) + " " + DashboardNext(header, value, setting));
        }

        if (path.StartsWithSegments("/ui"))
        {
            DashboardGate.Secure(context.Response);
            return DashboardHtml.WriteMessageAsync(context, status, Title(header), Refused(header, value, setting) + " " + DashboardNext(header, value, setting));
        }

        if (path.StartsWithSegments("/approve"))
        {
            ApprovalLinkEndpoints.Secure(context.Response);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            var next = header == "Host"
                ? $"Open the link exactly as you were sent it; if {value} is how people reach this server, its owner adds it to {setting}."
                : "Open the link in your browser and use the page's own buttons.";
            return context.Response.WriteAsync(ApprovalPageHtml.Message(Title(header), Refused(header, value, setting), next), context.RequestAborted);
        }

        return HttpErrors.WriteAsync(context, status, $"Forbidden: the {header} header {value} is not allowed ({setting}).");
    }

    private static string Title(string header) => header == "Host" ? "Refused: unknown server name" : "Refused: not from an allowed page";

    private static string Refused(string header, string value, string setting) =>
        $"The {header} header {value} is not allowed ({setting}), so nothing was done.";

    private static string DashboardNext(string header, string value, string setting) => header == "Host"
        ? $"Open the dashboard at the address the server printed when it started (its log says 'Dashboard at http://127.0.0.1:PORT/ui/...'); if {value} is how people reach this server, add it to {setting}."
        : $"The request came from a page this server does not trust. Use the dashboard's own pages; if {value} is a page of yours that must reach this server, add it to {setting}.";
}
