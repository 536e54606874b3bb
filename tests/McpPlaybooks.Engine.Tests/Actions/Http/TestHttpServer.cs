using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Tests.Actions.Http;

/// <summary>
/// A real Kestrel server on <c>http://127.0.0.1:{random port}</c> for the tests of the HTTP actions
/// (and of the executor). Every endpoint answers any method unless said otherwise. Counters are per key,
/// so tests sharing one server use keys of their own (a GUID).
/// </summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _webhooks = new();
    private readonly ConcurrentDictionary<string, Channel<string>> _keyedWebhooks = new(StringComparer.Ordinal);
    private readonly Channel<string> _slowChannel = Channel.CreateUnbounded<string>();

    private TestHttpServer(WebApplication app)
    {
        _app = app;
        BaseUrl = "";
    }

    /// <summary>The server's root, such as <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; }

    /// <summary>The bodies posted to <c>/webhook</c>, in order of arrival.</summary>
    public IReadOnlyCollection<string> Webhooks => _webhooks;

    public static async Task<TestHttpServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TestHttpServer(app);
        server.MapEndpoints();
        await app.StartAsync(cancellationToken);
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>An absolute URL on this server: <c>Url("/ok")</c>.</summary>
    public string Url(string path) => BaseUrl + path;

    /// <summary>How many requests <c>/flaky/{key}/…</c> or <c>/health-after/{key}/…</c> received with this key.</summary>
    public int Calls(string key) => _calls.GetValueOrDefault(key);

    /// <summary>
    /// The next body posted to <c>/webhook/{key}</c> (those already received first). Tests sharing the server take a key of
    /// their own: a body another test posted (to <c>/webhook</c> or another key) is never handed to this one.
    /// </summary>
    public ValueTask<string> NextWebhookAsync(string key, CancellationToken cancellationToken) => WebhooksOf(key).Reader.ReadAsync(cancellationToken);

    /// <summary>Completes when a request to <c>/slow/{ms}</c> has arrived (its path), so a test can cancel mid-request.</summary>
    public ValueTask<string> NextSlowRequestAsync(CancellationToken cancellationToken) => _slowChannel.Reader.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void MapEndpoints()
    {
        // GET /ok → 200 {"ok":true} (application/json).
        _app.MapGet("/ok", context => Json(context, 200, """{"ok":true}"""));

        // /status/{code} → that status, with the text body "status {code}".
        _app.Map("/status/{code:int}", context =>
        {
            var code = Int(context, "code");
            return Text(context, code, $"status {code}");
        });

        // /flaky/{key}/{failures} → 503 for the first {failures} calls with that key, then 200 "ok". Counted in Calls(key).
        _app.Map("/flaky/{key}/{failures:int}", context =>
        {
            var calls = Count(context);
            return calls <= Int(context, "failures") ? Text(context, 503, "not yet") : Text(context, 200, "ok");
        });

        // /retry-after/{seconds} → 503 with Retry-After: {seconds}.
        _app.Map("/retry-after/{seconds:int}", context =>
        {
            context.Response.Headers.RetryAfter = Int(context, "seconds").ToString(CultureInfo.InvariantCulture);
            return Text(context, 503, "busy");
        });

        // /retry-after-at/{unixSeconds} → 503 with Retry-After as the HTTP date of that Unix time.
        _app.Map("/retry-after-at/{unix:long}", context =>
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse((string)context.GetRouteValue("unix")!, CultureInfo.InvariantCulture));
            context.Response.Headers.RetryAfter = at.ToString("R", CultureInfo.InvariantCulture);
            return Text(context, 503, "busy");
        });

        // /unauthorized → 401 with a WWW-Authenticate challenge.
        _app.Map("/unauthorized", context =>
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Text(context, 401, "who are you?");
        });

        // /slow/{ms} → announces itself to NextSlowRequestAsync, waits {ms} (ending early when the client goes), then 200 "slow".
        _app.Map("/slow/{ms:int}", async context =>
        {
            _slowChannel.Writer.TryWrite(context.Request.Path);
            await Task.Delay(Int(context, "ms"), context.RequestAborted);
            await Text(context, 200, "slow");
        });

        // /echo (any method) → 200 {"method","path","query","headers":{lower-case name: value},"body"}: what was sent.
        _app.Map("/echo", async context =>
        {
            var body = await ReadBodyAsync(context.Request);
            var echo = new Dictionary<string, object>
            {
                ["method"] = context.Request.Method,
                ["path"] = context.Request.Path.Value ?? "",
                ["query"] = context.Request.QueryString.Value ?? "",
                ["headers"] = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
                ["body"] = body,
            };
            await Json(context, 200, JsonSerializer.Serialize(echo));
        });

        // POST /webhook → 200 "ok"; the body is kept in Webhooks.
        _app.MapPost("/webhook", async context =>
        {
            _webhooks.Enqueue(await ReadBodyAsync(context.Request));
            await Text(context, 200, "ok");
        });

        // POST /webhook/{key} → 200 "ok"; the body is handed to NextWebhookAsync(key).
        _app.MapPost("/webhook/{key}", async context =>
        {
            var body = await ReadBodyAsync(context.Request);
            WebhooksOf((string)context.GetRouteValue("key")!).Writer.TryWrite(body);
            await Text(context, 200, "ok");
        });

        // /big/{bytes} → 200, application/json: a JSON string exactly {bytes} bytes long ("aaa…a").
        _app.Map("/big/{bytes:int}", context =>
        {
            var bytes = Math.Max(2, Int(context, "bytes"));
            return Json(context, 200, "\"" + new string('a', bytes - 2) + "\"");
        });

        // /health-after/{key}/{n} → 503 until the n-th call with that key, which and whose followers get 200. Counted in Calls(key).
        _app.Map("/health-after/{key}/{n:int}", context =>
            Count(context) >= Int(context, "n") ? Text(context, 200, "healthy") : Text(context, 503, "starting"));
    }

    private Channel<string> WebhooksOf(string key) => _keyedWebhooks.GetOrAdd(key, _ => Channel.CreateUnbounded<string>());

    private int Count(HttpContext context) =>
        _calls.AddOrUpdate((string)context.GetRouteValue("key")!, 1, (_, calls) => calls + 1);

    private static int Int(HttpContext context, string name) =>
        int.Parse((string)context.GetRouteValue(name)!, CultureInfo.InvariantCulture);

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}
