using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>
/// Registers the server's prompts: one markdown file each in <c>prompts/</c> (<see cref="PromptFileLoader"/>), loaded
/// at start (<see cref="PromptLoading"/>), listed and rendered by <see cref="PromptLibrary"/>.
/// </summary>
internal static class PromptRegistration
{
    public static IMcpServerBuilder AddPlaybookPrompts(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PromptLibrary>();
        builder.Services.AddHostedService<PromptLoading>();
        return builder
            .WithListPromptsHandler((request, _) => ValueTask.FromResult(request.Service<PromptLibrary>().List()))
            .WithGetPromptHandler((request, _) => ValueTask.FromResult(request.Service<PromptLibrary>().Get(request.Params?.Name, request.Params?.Arguments)));
    }
}
