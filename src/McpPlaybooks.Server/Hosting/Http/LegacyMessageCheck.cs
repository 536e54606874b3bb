using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// In front of the SDK's legacy <c>POST /message?sessionId=</c>: a missing session id (400) or one no legacy SSE session
/// has (404: it ended, expired or never was; a Streamable HTTP session's id is not one) is answered here, saying to open
/// <c>GET /sse</c>. A message is passed on while a legacy stream's session is still starting (its id is not known to us
/// until the SDK runs it, just after the stream's endpoint event), and the SDK decides.
/// </summary>
internal sealed class LegacyMessageCheck(HttpSessionStore sessions)
{
    private const string OpenAStream = "Open a stream with GET /sse and post to the endpoint its first event names (/mcp/message?sessionId=…).";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!HttpMethods.IsPost(context.Request.Method) || !LegacySsePaths.IsMessage(context.Request.Path))
        {
            return next(context);
        }

        var id = context.Request.Query["sessionId"].ToString();
        if (id.Length == 0)
        {
            return HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: a legacy SSE message needs the sessionId of its stream (?sessionId=). " + OpenAStream);
        }

        if (sessions.MayBeLegacy(id))
        {
            return next(context);
        }

        return HttpErrors.WriteAsync(context, StatusCodes.Status404NotFound, sessions.IsOpen(id)
            ? "Not Found: that sessionId is a Streamable HTTP session's, which takes its messages at POST /mcp (Mcp-Session-Id header), not a legacy SSE stream's. " + OpenAStream
            : "Not Found: no legacy SSE session has that sessionId: its stream closed, the server restarted, or it never was. " + OpenAStream);
    }
}
