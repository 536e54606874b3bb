namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>The paths the HTTP transport serves.</summary>
internal static class HttpRoutes
{
    /// <summary>Streamable HTTP: POST, GET (an SSE stream) and DELETE.</summary>
    public const string Mcp = "/mcp";

    /// <summary>The legacy SSE transport's stream (GET).</summary>
    public const string Sse = "/sse";

    /// <summary>The legacy SSE transport's messages (POST <c>?sessionId=</c>).</summary>
    public const string Message = "/message";

    /// <summary>Liveness and readiness (GET), without a token.</summary>
    public const string Health = "/healthz";
}
