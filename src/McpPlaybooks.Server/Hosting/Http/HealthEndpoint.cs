using System.Diagnostics;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Mcp;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// <c>GET /healthz</c>: 200 when the server is alive and ready (its database answers a query), else 503; a JSON body
/// says which check failed, with the open sessions and the version. Needs no token.
/// </summary>
internal sealed class HealthEndpoint(PlaybookEngine engine, HttpSessionStore sessions)
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var database = await CheckDatabaseAsync(context.RequestAborted);
        var ready = database["status"]!.GetValue<string>() == "ok";
        var body = new JsonObject
        {
            ["status"] = ready ? "ok" : "unavailable",
            ["live"] = true,
            ["ready"] = ready,
            ["checks"] = new JsonObject { ["database"] = database },
            ["sessions"] = sessions.Count,
            ["version"] = McpServerComposition.ServerVersion,
        };
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private async Task<JsonObject> CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(DatabaseTimeout);
            // One indexed read through the engine's store: the file is open, readable and not locked out.
            await engine.History.GetExecutionAsync("healthz", timeout.Token);
            return new JsonObject { ["status"] = "ok", ["ms"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2) };
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            return new JsonObject { ["status"] = "failed", ["error"] = e.Message };
        }
    }
}
