using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The order every request goes through: the Origin/Host check first (403), then the bearer token (401), then the
/// endpoint that its path and method name (404 or 405 for anything else).
/// </summary>
internal static class HttpPipeline
{
    public static void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var originHost = app.Services.GetRequiredService<OriginHostCheck>();
        var bearer = app.Services.GetRequiredService<BearerAuthentication>();
        var streamable = app.Services.GetRequiredService<StreamableHttpEndpoint>();
        var legacy = app.Services.GetRequiredService<LegacySseEndpoint>();
        var health = app.Services.GetRequiredService<HealthEndpoint>();
        app.Use(originHost.InvokeAsync);
        app.Use(bearer.InvokeAsync);
        app.Run(context => (Route(context.Request.Path), context.Request.Method) switch
        {
            (HttpRoutes.Mcp, "POST") => streamable.PostAsync(context),
            (HttpRoutes.Mcp, "GET") => streamable.GetAsync(context),
            (HttpRoutes.Mcp, "DELETE") => streamable.DeleteAsync(context),
            (HttpRoutes.Sse, "GET") => legacy.StreamAsync(context),
            (HttpRoutes.Message, "POST") => legacy.MessageAsync(context),
            (HttpRoutes.Health, "GET" or "HEAD") => health.GetAsync(context),
            (null, _) => HttpErrors.WriteAsync(context, StatusCodes.Status404NotFound, $"Not Found: MCP is served at {HttpRoutes.Mcp} (Streamable HTTP) and {HttpRoutes.Sse} (legacy SSE); health at {HttpRoutes.Health}."),
            _ => NotAllowedAsync(context),
        });
    }

    private static string? Route(PathString path) =>
        new[] { HttpRoutes.Mcp, HttpRoutes.Sse, HttpRoutes.Message, HttpRoutes.Health }
            .FirstOrDefault(route => path.Equals(route, StringComparison.OrdinalIgnoreCase) || path.Equals(route + "/", StringComparison.OrdinalIgnoreCase));

    private static Task NotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = Route(context.Request.Path) switch
        {
            HttpRoutes.Mcp => "GET, POST, DELETE",
            HttpRoutes.Message => "POST",
            _ => "GET",
        };
        return HttpErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, $"Method Not Allowed: {context.Request.Method} {context.Request.Path}.");
    }
}
