using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/api/events</c>: the live feed as Server-Sent Events. It first sends <c>event: ready</c> (the page is
/// subscribed: what it loads from now on cannot miss a change), then one <c>event: execution</c> per change, its data an
/// <see cref="ExecutionSummary"/>. It ends when the page leaves, when the feed drops a page that fell behind, or when the
/// server stops; the browser's EventSource then reconnects (after <c>retry</c>) and the page reloads its rows.
/// </summary>
internal sealed class ExecutionEventsEndpoint(ExecutionFeed feed, IHostApplicationLifetime lifetime)
{
    private static readonly byte[] Ready = Encoding.UTF8.GetBytes("retry: 1000\nevent: ready\ndata: {}\n\n");
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("event: execution\ndata: ");
    private static readonly byte[] End = Encoding.UTF8.GetBytes("\n\n");

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        using var subscription = feed.Subscribe();
        var body = context.Response.Body;
        try
        {
            await body.WriteAsync(Ready, stop.Token).ConfigureAwait(false);
            await body.FlushAsync(stop.Token).ConfigureAwait(false);
            await foreach (var summary in subscription.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await body.WriteAsync(Prefix, stop.Token).ConfigureAwait(false);
                await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(summary, DashboardJson.Default.ExecutionSummary), stop.Token).ConfigureAwait(false);
                await body.WriteAsync(End, stop.Token).ConfigureAwait(false);
                await body.FlushAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page left or the server stops: the stream just ends.
        }
        catch (IOException)
        {
            // The connection broke.
        }
    }
}
