using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Mcp.Sessions;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>
/// Registers the server's resources (<c>playbook://</c>, <c>execution://</c>, <c>schema://playbook</c>), subscriptions
/// tracked per session (<see cref="McpSessions"/>), and the notifier that sends <c>resources/updated</c> and
/// <c>list_changed</c> (<see cref="ResourceNotifier"/>). Advertises <c>resources.subscribe</c> and <c>resources.listChanged</c>.
/// </summary>
internal static class ResourceRegistration
{
    public static IMcpServerBuilder AddPlaybookResources(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ResourceReader>();
        builder.Services.AddSingleton(s => new ResourceNotifier(s.Get<PlaybookEngine>(), s.Get<PlaybookCatalog>(), s.Get<McpSessions>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<ResourceNotifier>());
        builder.Services.Configure<McpServerOptions>(options =>
        {
            options.Capabilities ??= new ServerCapabilities();
            options.Capabilities.Resources = new ResourcesCapability { Subscribe = true, ListChanged = true };
        });
        return builder
            .WithSessionTracking()
            .WithListResourcesHandler(ResourceHandlers.ListAsync)
            .WithListResourceTemplatesHandler(ResourceHandlers.ListTemplatesAsync)
            .WithReadResourceHandler(ResourceHandlers.ReadAsync)
            .WithSubscribeToResourcesHandler(ResourceHandlers.SubscribeAsync)
            .WithUnsubscribeFromResourcesHandler(ResourceHandlers.UnsubscribeAsync);
    }
}
