using McpPlaybooks.Server.Dashboard;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// What routing refuses, said as our other refusals are (a JSON-RPC error naming what to do): 404 for a path no endpoint
/// serves, and a body for routing's bare 405 (wrong method) and 415 (a POST that is not JSON). Under <c>/ui</c> the
/// dashboard answers its own 404 and 405 (<see cref="DashboardUnserved"/>).
/// </summary>
internal static class RoutingRefusals
{
    /// <summary>Where things are, for a client or person that asked elsewhere (the server's root, say).</summary>
    private static readonly string Served =
        $"MCP is served at {HttpRoutes.Mcp} (Streamable HTTP) and {HttpRoutes.Sse} (legacy SSE); health at {HttpRoutes.Health}; the dashboard for people at {DashboardRoutes.Home}.";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetEndpoint() is null)
        {
            await (DashboardUnserved.Covers(context)
                ? DashboardUnserved.WriteAsync(context, StatusCodes.Status404NotFound)
                : HttpErrors.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found: " + Served)).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
        if (context.Response.HasStarted)
        {
            return;
        }

        if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && DashboardUnserved.Covers(context))
        {
            await DashboardUnserved.WriteAsync(context, StatusCodes.Status405MethodNotAllowed).ConfigureAwait(false);
            return;
        }

        var message = context.Response.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => "Unsupported Media Type: the body must be sent as Content-Type: application/json.",
            StatusCodes.Status405MethodNotAllowed => $"Method Not Allowed: {RequestText.Bound(context.Request.Method)} {RequestText.Path(context)}. {Served}",
            _ => null,
        };
        if (message is not null)
        {
            await HttpErrors.WriteAsync(context, context.Response.StatusCode, message).ConfigureAwait(false);
        }
    }
}
