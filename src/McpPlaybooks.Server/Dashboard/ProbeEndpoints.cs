using System.Diagnostics;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Server.Mcp;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The probes Kubernetes expects, without a token: <c>GET /health/live</c> is 200 while the process serves;
/// <c>GET /health/ready</c> is 200 when the history can be written (an empty transaction takes its write lock) and the
/// catalogue is loaded, else 503; each check says how it went.
/// </summary>
internal sealed class ProbeEndpoints(PlaybookEngine engine, PlaybookCatalog catalog)
{
    private static readonly TimeSpan HistoryTimeout = TimeSpan.FromSeconds(5);

    public static Task LiveAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["status"] = "live", ["version"] = McpServerComposition.ServerVersion });
    }

    public async Task ReadyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var history = await CheckHistoryAsync(context.RequestAborted).ConfigureAwait(false);
        var snapshot = catalog.Current;
        var playbooks = new JsonObject { ["status"] = "ok", ["playbooks"] = snapshot.Entries.Count, ["invalid_files"] = snapshot.Invalid.Count };
        var ready = history["status"]!.GetValue<string>() == "ok";
        var body = new JsonObject
        {
            ["status"] = ready ? "ready" : "unavailable",
            ["checks"] = new JsonObject { ["history"] = history, ["catalog"] = playbooks },
            ["version"] = McpServerComposition.ServerVersion,
        };
        await WriteAsync(context, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, body).ConfigureAwait(false);
    }

    private async Task<JsonObject> CheckHistoryAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await engine.History.ProbeWritableAsync().WaitAsync(HistoryTimeout, cancellationToken).ConfigureAwait(false);
            return new JsonObject { ["status"] = "ok", ["ms"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2) };
        }
        catch (Exception e) when (e is HistoryWriteException or System.Data.Common.DbException or ObjectDisposedException or InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            return new JsonObject { ["status"] = "failed", ["error"] = e.Message };
        }
    }

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
