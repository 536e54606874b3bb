using McpPlaybooks.Server.Mcp.Tools.Executions;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tools;

/// <summary>Registers the server's tools.</summary>
internal static class ToolRegistration
{
    public static IMcpServerBuilder AddPlaybookTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Executions (design §5): start, follow, control, decide, read.
        builder.Services.AddSingleton<McpServerTool, ExecutePlaybookTool>();
        builder.Services.AddSingleton<McpServerTool, GetExecutionTool>();
        builder.Services.AddSingleton<McpServerTool, ListExecutionsTool>();
        builder.Services.AddSingleton<McpServerTool, ControlExecutionTool>();
        builder.Services.AddSingleton<McpServerTool, ApproveStepTool>();
        builder.Services.AddSingleton<McpServerTool, GetExecutionLogsTool>();
        return builder;
    }
}
