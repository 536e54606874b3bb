using Microsoft.Extensions.Hosting;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>Loads the prompts when the host starts, so that a malformed prompt file stops the start with a message naming it.</summary>
internal sealed class PromptLoading(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(PromptLibrary));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
