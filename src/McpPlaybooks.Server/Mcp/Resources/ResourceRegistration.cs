using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>Registers the server's resources.</summary>
internal static class ResourceRegistration
{
    public static IMcpServerBuilder AddPlaybookResources(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
