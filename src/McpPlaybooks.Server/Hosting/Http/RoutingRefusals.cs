using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// What routing refuses, said as our other refusals are (a JSON-RPC error naming what to do): 404 for a path no endpoint
/// serves, and a body for routing's bare 405 (wrong method) and 415 (a POST that is not JSON).
/// </summary>
internal static class RoutingRefusals
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetEndpoint() is null)
        {
            await HttpErrors.WriteAsync(
                context,
                StatusCodes.Status404NotFound,
                $"Not Found: MCP is served at {HttpRoutes.Mcp} (Streamable HTTP) and {HttpRoutes.Sse} (legacy SSE); health at {HttpRoutes.Health}.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
        if (context.Response.HasStarted)
        {
            return;
        }

        var message = context.Response.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => "Unsupported Media Type: the body must be sent as Content-Type: application/json.",
            StatusCodes.Status405MethodNotAllowed => $"Method Not Allowed: {context.Request.Method} {context.Request.Path}.",
            _ => null,
        };
        if (message is not null)
        {
            await HttpErrors.WriteAsync(context, context.Response.StatusCode, message).ConfigureAwait(false);
        }
    }
}
