using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

#pragma warning disable MCP9006 // Obsolete in 2.3.1: the event store of stateful Streamable HTTP, on purpose: sessions are what elicitation and resumability need.

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Streamable HTTP at <c>/mcp</c>: POST carries one JSON-RPC message (only <c>initialize</c> may open a session, whose
/// id comes back in <c>Mcp-Session-Id</c>), GET opens the session's SSE stream or, with <c>Last-Event-ID</c>, replays a
/// stream from the event store, DELETE ends the session.
/// </summary>
internal sealed partial class StreamableHttpEndpoint(
    HttpServerSettings settings,
    HttpSessionStore sessions,
    McpSessionFactory factory,
    ISseEventStreamStore eventStore,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    ILogger<StreamableHttpEndpoint> logger)
{
    /// <summary>The versions this server accepts in <c>MCP-Protocol-Version</c>: those with <c>initialize</c> and sessions.</summary>
    public static IReadOnlyList<string> Versions { get; } = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

    public async Task PostAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var accept = context.Request.GetTypedHeaders().Accept;
        if (!accept.Any(type => type.MatchesMediaType("application/json")) || !accept.Any(type => type.MatchesMediaType("text/event-stream")))
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept both application/json and text/event-stream.");
            return;
        }

        if (!await VersionAcceptedAsync(context) || await JsonRpcBody.ReadAsync(context, settings.MaxRequestBodyBytes) is not { } message)
        {
            return;
        }

        var id = SessionId(context);
        HttpSession? session;
        if (id is null)
        {
            if (message is not JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                await HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: no Mcp-Session-Id header; only an initialize request may open a session.");
                return;
            }

            id = HttpSession.NewId();
            var transport = new StreamableHttpServerTransport(loggerFactory) { SessionId = id, EventStreamStore = eventStore };
            session = await factory.OpenAsync(context, id, transport);
        }
        else
        {
            session = await HttpSessionLookup.FindAsync(context, sessions, id);
        }

        if (session?.Streamable is not { } streamable)
        {
            if (session is not null)
            {
                await HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: this session belongs to the legacy SSE transport; post its messages to /message.");
            }

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

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, session.Ended);
        timeout.CancelAfter(settings.RequestTimeout);
        context.Response.Headers[McpHeaderNames.SessionId] = session.Id;
        StartEventStream(context);
        try
        {
            if (!await streamable.HandlePostRequestAsync(message, context.Response.Body, timeout.Token))
            {
                context.Response.Headers.ContentType = (string?)null;
                context.Response.StatusCode = StatusCodes.Status202Accepted;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            if (!context.RequestAborted.IsCancellationRequested && !session.Ended.IsCancellationRequested)
            {
                LogTimedOut(logger, settings.RequestTimeout.TotalSeconds);
            }
        }
    }

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.GetTypedHeaders().Accept.Any(type => type.MatchesMediaType("text/event-stream")))
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept text/event-stream.");
            return;
        }

        if (!await VersionAcceptedAsync(context) || await RequireSessionAsync(context) is not { Streamable: { } streamable } session)
        {
            return;
        }

        using var use = await HttpSessionLookup.BeginAsync(context, session);
        if (use is null)
        {
            return;
        }

        using var stream = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, session.Ended, lifetime.ApplicationStopping);
        var lastEventId = context.Request.Headers[McpHeaderNames.LastEventId].ToString();
        try
        {
            if (lastEventId.Length > 0)
            {
                await ReplayAsync(context, session, lastEventId, stream.Token);
                return;
            }

            if (!session.TryStartGetStream())
            {
                await HttpErrors.WriteAsync(context, StatusCodes.Status409Conflict, "Conflict: this session's GET stream is open already; resume a stream with Last-Event-ID instead.");
                return;
            }

            try
            {
                context.Response.Headers[McpHeaderNames.SessionId] = session.Id;
                StartEventStream(context);
                await context.Response.Body.FlushAsync(stream.Token);
                await streamable.HandleGetRequestAsync(context.Response.Body, stream.Token);
            }
            finally
            {
                session.EndGetStream();
            }
        }
        catch (OperationCanceledException) when (stream.IsCancellationRequested)
        {
            // the client went away, or the session or the server ended: how SSE streams end
        }
    }

    public async Task DeleteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await RequireSessionAsync(context) is { } session)
        {
            await sessions.EndAsync(session.Id, "the client deleted it");
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    /// <summary>Turns off response buffering: SSE events must go out as they are written.</summary>
    public static void StartEventStream(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }

    private async Task ReplayAsync(HttpContext context, HttpSession session, string lastEventId, CancellationToken cancellationToken)
    {
        var reader = await eventStore.GetStreamReaderAsync(lastEventId, cancellationToken);
        if (reader is null || !string.Equals(reader.SessionId, session.Id, StringComparison.Ordinal))
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: the Last-Event-ID is unknown, expired, or from another session.");
            return;
        }

        // Replaying the standalone GET stream reads on until the session ends: it takes the session's one GET slot.
        var standalone = string.Equals(reader.StreamId, StreamableHttpServerTransport.UnsolicitedMessageStreamId, StringComparison.Ordinal);
        if (standalone && !session.TryStartGetStream())
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status409Conflict, "Conflict: this session's GET stream is open already; close it before resuming it with Last-Event-ID.");
            return;
        }

        try
        {
            context.Response.Headers[McpHeaderNames.SessionId] = session.Id;
            StartEventStream(context);
            await EventStreamReplay.CopyAsync(reader, context.Response.Body, cancellationToken);
        }
        finally
        {
            if (standalone)
            {
                session.EndGetStream();
            }
        }
    }

    private async Task<HttpSession?> RequireSessionAsync(HttpContext context)
    {
        if (SessionId(context) is not { } id)
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: an Mcp-Session-Id header is needed (open a session with an initialize POST).");
            return null;
        }

        return await HttpSessionLookup.FindAsync(context, sessions, id);
    }

    /// <summary>
    /// Refuses a <c>MCP-Protocol-Version</c> this server cannot speak. A known one is not copied into the message: a client
    /// may send an older version inside a session that negotiated 2025-11-25, which the SDK would refuse.
    /// </summary>
    private static async Task<bool> VersionAcceptedAsync(HttpContext context)
    {
        var version = context.Request.Headers[McpHeaderNames.ProtocolVersion].ToString();
        if (version.Length == 0 || Versions.Contains(version, StringComparer.Ordinal))
        {
            return true;
        }

        await HttpErrors.UnsupportedVersionAsync(context, version, Versions);
        return false;
    }

    private static string? SessionId(HttpContext context) =>
        context.Request.Headers[McpHeaderNames.SessionId].ToString() is { Length: > 0 } id ? id : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A POST took longer than {Seconds} s (RequestTimeoutSeconds); its response was ended")]
    private static partial void LogTimedOut(ILogger logger, double seconds);
}
