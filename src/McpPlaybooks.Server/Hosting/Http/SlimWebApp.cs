using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// What our Kestrel listeners share (<see cref="HttpMcpHost"/>, the dashboard's beside stdio): a slim
/// <see cref="WebApplication"/> that reads no configuration, logs through the server's logger factory, prints no status
/// lines, sends no <c>Server</c> header and holds at most so many connections open (Kestrel closes one more at once,
/// unanswered); and, once started, the port it bound.
/// </summary>
internal static class SlimWebApp
{
    /// <param name="loggerFactory">The server's loggers.</param>
    /// <param name="maxConnections">The most connections open at once (<c>MaxConnections</c>); upgraded ones (nothing here upgrades) too.</param>
    public static WebApplicationBuilder CreateBuilder(ILoggerFactory loggerFactory, long maxConnections)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = maxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = maxConnections;
        });
        return builder;
    }

    /// <summary>Starts <paramref name="app"/> (disposing it when that fails) and returns the port it listens on.</summary>
    public static async Task<int> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(bound).Port;
    }
}
