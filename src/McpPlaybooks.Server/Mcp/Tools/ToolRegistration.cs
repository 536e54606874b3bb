using McpPlaybooks.Server.Mcp.Tools.Catalog;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tools;

/// <summary>Registers the server's tools.</summary>
internal static class ToolRegistration
{
    public static IMcpServerBuilder AddPlaybookTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<McpServerTool, ListPlaybooksTool>();
        builder.Services.AddSingleton<McpServerTool, GetPlaybookTool>();
        builder.Services.AddSingleton<McpServerTool, ValidatePlaybookTool>();
        builder.Services.AddSingleton<McpServerTool, SavePlaybookTool>();
        return builder;
    }
}
