using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>Registers the server's prompts.</summary>
internal static class PromptRegistration
{
    public static IMcpServerBuilder AddPlaybookPrompts(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
