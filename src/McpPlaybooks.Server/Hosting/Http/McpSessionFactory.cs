using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Opens an HTTP session: an <see cref="McpServer"/> with the very tools, resources, prompts and completions of stdio
/// (the options <c>AddPlaybooksServer</c> configured), on the given transport, owned by the request's identity and
/// attached to <see cref="McpSessions"/> so that notifications reach it.
/// </summary>
internal sealed class McpSessionFactory(
    IOptions<McpServerOptions> options,
    HttpSessionStore sessions,
    McpSessions mcpSessions,
    ILoggerFactory loggerFactory,
    IServiceProvider services,
    TimeProvider time)
{
    /// <summary>The running session, or null once 503 is written (too many sessions).</summary>
    public async Task<HttpSession?> OpenAsync(HttpContext context, string id, ITransport transport)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(transport);
        var session = new HttpSession(id, HttpCaller.From(context.User)?.Identity, transport, time);
        if (!sessions.TryAdd(session))
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            context.Response.Headers.RetryAfter = "60";
            await HttpErrors.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                "Service Unavailable: as many sessions are open as allowed (MaxSessions, or MaxSessionsPerIdentity for your token); end one with DELETE, or retry once idle ones expire.").ConfigureAwait(false);
            return null;
        }

        var server = McpServer.Create(transport, options.Value, loggerFactory, services);
        mcpSessions.Attach(server);
        session.Start(server);
        return session;
    }
}
