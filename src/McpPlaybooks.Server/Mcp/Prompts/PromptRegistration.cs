using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Mcp.Sessions;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>
/// Registers the server's prompts: one markdown file each in <c>prompts/</c> (<see cref="PromptFileLoader"/>), loaded
/// at start (<see cref="PromptLoading"/>), listed and rendered by <see cref="PromptLibrary"/>, watched while the server runs
/// (<see cref="PromptWatcher"/>: <c>notifications/prompts/list_changed</c> when the prompts change). Advertises <c>prompts.listChanged</c>.
/// </summary>
internal static class PromptRegistration
{
    public static IMcpServerBuilder AddPlaybookPrompts(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Built by hand, not by the container (see ServiceConstruction).
        builder.Services.AddSingleton(s => new PromptLibrary(s.Get<ServerSettings>(), s.Logger<PromptLibrary>()));
        builder.Services.AddSingleton(s => new PromptReferences(s.Get<PlaybookEngine>(), s.Get<PlaybookCatalog>()));
        builder.Services.AddHostedService(s => new PromptLoading(s));
        builder.Services.AddHostedService(s => new PromptWatcher(s.Get<PromptLibrary>(), s.Get<McpSessions>(), s.Get<ServerSettings>(), s.Logger<PromptWatcher>()));
        builder.Services.Configure<McpServerOptions>(options =>
        {
            options.Capabilities ??= new ServerCapabilities();
            options.Capabilities.Prompts = new PromptsCapability { ListChanged = true };
        });
        // The sessions that hear list_changed are tracked by AddPlaybookResources (McpSessions, SessionTracking).
        return builder
            .WithListPromptsHandler((request, _) => ValueTask.FromResult(request.Service<PromptLibrary>().List()))
            .WithGetPromptHandler(async (request, cancellationToken) =>
            {
                var call = request.Service<PromptLibrary>().Bind(request.Params?.Name, request.Params?.Arguments);
                await request.Service<PromptReferences>().CheckAsync(call, cancellationToken).ConfigureAwait(false);
                return PromptLibrary.Render(call);
            });
    }
}
