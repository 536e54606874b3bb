using System.Text;
using System.Text.Json;
using McpPlaybooks.Server.Dashboard.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/api/events</c>: the live feed as Server-Sent Events. It first sends <c>event: ready</c> (the page is
/// subscribed: what it loads from now on cannot miss a change), then one <c>event: execution</c> per change, its data an
/// <see cref="ExecutionSummary"/>. It ends when the page leaves, when the feed drops a page that fell behind, when its
/// session ends (logout, expiry: a copy of the cookie hears no more), or when the server stops; the browser's EventSource
/// then reconnects (after <c>retry</c>) and the page reloads its rows (or, the session ended, is refused). One session holds
/// at most <see cref="DashboardSessionLimits.StreamsPerSession"/> streams; one more gets 429.
/// </summary>
internal sealed partial class ExecutionEventsEndpoint(ExecutionFeed feed, DashboardSessions sessions, IHostApplicationLifetime lifetime, ILogger<ExecutionEventsEndpoint> logger)
{
    private static readonly byte[] Ready = Encoding.UTF8.GetBytes("retry: 1000\nevent: ready\ndata: {}\n\n");
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("event: execution\ndata: ");
    private static readonly byte[] End = Encoding.UTF8.GetBytes("\n\n");

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = DashboardGate.SessionOf(context) ?? throw new InvalidOperationException("the gate admits the feed with a session only");
        var most = sessions.Limits.StreamsPerSession;
        if (!session.TryOpenStream(most))
        {
            LogTooMany(logger, session.Caller.Identity, most);
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many live feeds",
                $"This session already has {most} live feeds open (one for each dashboard page open in a tab), the most one session may have. "
                + "Close dashboard tabs you no longer need, then reload this page.").ConfigureAwait(false);
            return;
        }

        try
        {
            await StreamAsync(context, session).ConfigureAwait(false);
        }
        finally
        {
            session.CloseStream();
        }
    }

    private async Task StreamAsync(HttpContext context, DashboardSession session)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, session.Ended);
        using var subscription = feed.Subscribe();
        var body = context.Response.Body;
        try
        {
            await body.WriteAsync(Ready, stop.Token).ConfigureAwait(false);
            await body.FlushAsync(stop.Token).ConfigureAwait(false);
            await foreach (var summary in subscription.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                if (!sessions.IsOpen(session))
                {
                    return;
                }

                await body.WriteAsync(Prefix, stop.Token).ConfigureAwait(false);
                await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(summary, DashboardJson.Default.ExecutionSummary), stop.Token).ConfigureAwait(false);
                await body.WriteAsync(End, stop.Token).ConfigureAwait(false);
                await body.FlushAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page left, its session ended or the server stops: the stream just ends.
        }
        catch (IOException)
        {
            // The connection broke.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard refused a live feed to {Identity}: its session has {Most} open already")]
    private static partial void LogTooMany(ILogger logger, string identity, int most);
}
