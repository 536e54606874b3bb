using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Tests.Web;

/// <summary>A real local webhook (Kestrel on 127.0.0.1, a free port): every POST body to <c>/hook/...</c> is kept, in order.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The webhook's address, with a secret-looking path as Slack's have.</summary>
    public Uri Address { get; }

    public Channel<string> Bodies { get; } = Channel.CreateUnbounded<string>();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook/{**rest}", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await receiver!.Bodies.Writer.WriteAsync(await reader.ReadToEndAsync());
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{bound.Port}/hook/T000/B000/secretpath"));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
