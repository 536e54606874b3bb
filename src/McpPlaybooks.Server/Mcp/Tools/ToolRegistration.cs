using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Mcp.Tools;

/// <summary>Registers the server's tools.</summary>
internal static class ToolRegistration
{
    public static IMcpServerBuilder AddPlaybookTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
