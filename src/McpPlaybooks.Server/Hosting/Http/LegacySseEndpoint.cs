using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The legacy SSE transport (protocol 2024-11-05) for older clients: <c>GET /sse</c> opens a session whose stream first
/// names the URL to post to, <c>/message?sessionId=ID</c>; the session lasts as long as the stream.
/// </summary>
internal sealed class LegacySseEndpoint(
    HttpServerSettings settings,
    HttpSessionStore sessions,
    McpSessionFactory factory,
    IHostApplicationLifetime lifetime)
{
    public async Task StreamAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = HttpSession.NewId();
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var transport = new SseResponseStreamTransport(context.Response.Body, $"{HttpRoutes.Message}?sessionId={id}", id);
        if (await factory.OpenAsync(context, id, transport) is not { } session)
        {
            return;
        }

        try
        {
            using var use = session.TryBegin();
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(stream.Token, session.Ended);
            StreamableHttpEndpoint.StartEventStream(context);
            await transport.RunAsync(ended.Token);
        }
        catch (OperationCanceledException) when (stream.IsCancellationRequested || session.Ended.IsCancellationRequested)
        {
            // the client closed the stream, or the server is stopping
        }
        finally
        {
            await sessions.EndAsync(id, "its SSE stream closed");
        }
    }

    public async Task MessageAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Query["sessionId"].ToString() is not { Length: > 0 } id)
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: POST /message needs ?sessionId= (the URL the /sse stream's endpoint event gave).");
            return;
        }

        if (await HttpSessionLookup.FindAsync(context, sessions, id) is not { } session
            || await JsonRpcBody.ReadAsync(context, settings.MaxRequestBodyBytes) is not { } message)
        {
            return;
        }

        if (session.Legacy is not { } legacy)
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: this session belongs to Streamable HTTP; post its messages to /mcp.");
            return;
        }

        using var use = await HttpSessionLookup.BeginAsync(context, session);
        if (use is null)
        {
            return;
        }

        if (message is JsonRpcNotification { Method: NotificationMethods.InitializedNotification })
        {
            session.MarkInitialized();
        }

        await legacy.OnMessageReceivedAsync(message, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsync("Accepted", context.RequestAborted);
    }
}
