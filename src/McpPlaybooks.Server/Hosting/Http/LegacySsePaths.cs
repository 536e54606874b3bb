using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The legacy SSE transport at the root, where older clients look for it: <c>/sse</c> and <c>/message</c> are served by
/// the SDK's endpoints under <c>/mcp</c> (<c>MapMcp</c> maps them beside its pattern). The stream's endpoint event then
/// names <c>/mcp/message?sessionId=</c>, which the client follows.
/// </summary>
internal static class LegacySsePaths
{
    public static Task Rewrite(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var path = Trimmed(context.Request.Path);
        if (path.Equals(HttpRoutes.Sse, StringComparison.OrdinalIgnoreCase) || path.Equals(HttpRoutes.Message, StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Path = HttpRoutes.Mcp + path.ToLowerInvariant();
        }

        return next(context);
    }

    /// <summary>Whether <paramref name="path"/> (as rewritten) opens a legacy SSE stream: the SDK creates a session for every one.</summary>
    public static bool IsStream(PathString path) => Trimmed(path).Equals(HttpRoutes.Mcp + HttpRoutes.Sse, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> (as rewritten) takes a legacy SSE session's messages.</summary>
    public static bool IsMessage(PathString path) => Trimmed(path).Equals(HttpRoutes.Mcp + HttpRoutes.Message, StringComparison.OrdinalIgnoreCase);

    /// <summary>The path without trailing slashes: routing serves <c>/mcp/sse/</c> as <c>/mcp/sse</c>, so every check here must see it so too.</summary>
    private static string Trimmed(PathString path) => path.Value?.TrimEnd('/') ?? "";
}
