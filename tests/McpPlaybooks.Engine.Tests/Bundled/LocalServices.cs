using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Tests.Bundled;

/// <summary>
/// What the bundled playbooks talk to over HTTP, served by a real Kestrel on <c>http://127.0.0.1:{random port}</c>: chat
/// webhooks, a service's health endpoint and Prometheus's query API. Each playbook's run gets its own.
/// </summary>
internal sealed class LocalServices : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(string Name, string Body)> _webhooks = Channel.CreateUnbounded<(string Name, string Body)>();
    private readonly Channel<string> _queries = Channel.CreateUnbounded<string>();

    private LocalServices(WebApplication app, double daysLeft)
    {
        _app = app;
        DaysLeft = daysLeft;
    }

    /// <summary>Such as <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _app.Urls.Single().TrimEnd('/');

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>The days left that <c>/api/v1/query</c> answers for any certificate probe.</summary>
    public double DaysLeft { get; }

    /// <summary>The webhook URL named <paramref name="name"/>: what a notify step posts to, received by <see cref="NextWebhookAsync"/>.</summary>
    public string Webhook(string name) => $"{BaseUrl}/webhook/{name}";

    public static async Task<LocalServices> StartAsync(double daysLeft = 60)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var services = new LocalServices(builder.Build(), daysLeft);
        services.MapEndpoints();
        await services._app.StartAsync();
        return services;
    }

    /// <summary>The next webhook posted (name and body), in order of arrival.</summary>
    public async Task<(string Name, string Body)> NextWebhookAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _webhooks.Reader.ReadAsync(bound.Token);
    }

    /// <summary>The next PromQL query received.</summary>
    public async Task<string> NextQueryAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _queries.Reader.ReadAsync(bound.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void MapEndpoints()
    {
        // POST /webhook/{name} → 200 "ok" (what Slack and generic webhooks answer).
        _app.MapPost("/webhook/{name}", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _webhooks.Writer.TryWrite(((string)context.GetRouteValue("name")!, await reader.ReadToEndAsync()));
            await context.Response.WriteAsync("ok");
        });

        // GET /health/{code} → that status: a service's health endpoint, healthy (200) or not.
        _app.MapGet("/health/{code:int}", context =>
        {
            context.Response.StatusCode = int.Parse((string)context.GetRouteValue("code")!, CultureInfo.InvariantCulture);
            return context.Response.WriteAsync("health");
        });

        // GET /api/v1/query?query=… → Prometheus's instant vector: one series whose value is DaysLeft.
        _app.MapGet("/api/v1/query", context =>
        {
            _queries.Writer.TryWrite(context.Request.Query["query"].ToString());
            context.Response.ContentType = "application/json";
            var value = DaysLeft.ToString(CultureInfo.InvariantCulture);
            return context.Response.WriteAsync(
                $$$"""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"{{{value}}}"]}]}}""");
        });
    }
}
