using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Mcp;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// The services of the MCP server, whatever its transport: the engine and the catalogue (opened and disposed by whoever
/// runs the server: <c>serve</c>, or a test), the settings, the clock, and the MCP surface itself.
/// </summary>
internal static class ServerServices
{
    public static IMcpServerBuilder AddPlaybooksServer(this IServiceCollection services, PlaybookEngine engine, PlaybookCatalog catalog, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(engine);
        services.AddSingleton(catalog);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        // Built by hand, not by the container (see ServiceConstruction).
        services.AddSingleton(s => new Approvals.Links.ApprovalPageAddress(s.Get<PlaybookEngine>(), s.Get<ServerSettings>(), s.Get<TimeProvider>()));
        services.AddHostedService(s => new Approvals.Links.ApprovalLinkPublisher(s.Get<PlaybookEngine>(), s.Get<Approvals.Links.ApprovalPageAddress>(), s.Logger<Approvals.Links.ApprovalLinkPublisher>()));
        return services.AddPlaybooksMcp();
    }
}
