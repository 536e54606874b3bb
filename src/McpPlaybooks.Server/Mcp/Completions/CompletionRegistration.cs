using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Mcp.Completions;

/// <summary>Registers the server's completions.</summary>
internal static class CompletionRegistration
{
    public static IMcpServerBuilder AddPlaybookCompletions(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
