using McpPlaybooks.Server.Mcp.Tools.Catalog;
using McpPlaybooks.Server.Mcp.Tools.Executions;
using McpPlaybooks.Server.Mcp.Tools.Memory;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tools;

/// <summary>Registers the server's tools, in the order <c>tools/list</c> gives them: find, read, check, save, plan, run, follow, steer, learn.</summary>
internal static class ToolRegistration
{
    public static IMcpServerBuilder AddPlaybookTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<McpServerTool, ListPlaybooksTool>();
        builder.Services.AddSingleton<McpServerTool, GetPlaybookTool>();
        builder.Services.AddSingleton<McpServerTool, ValidatePlaybookTool>();
        builder.Services.AddSingleton<McpServerTool, SavePlaybookTool>();
        builder.Services.AddSingleton<McpServerTool, PlanPlaybookTool>();
        builder.Services.AddSingleton<McpServerTool, ExecutePlaybookTool>();
        builder.Services.AddSingleton<McpServerTool, GetExecutionTool>();
        builder.Services.AddSingleton<McpServerTool, ListExecutionsTool>();
        builder.Services.AddSingleton<McpServerTool, ControlExecutionTool>();
        builder.Services.AddSingleton<McpServerTool, ApproveStepTool>();
        builder.Services.AddSingleton<McpServerTool, GetExecutionLogsTool>();
        builder.Services.AddSingleton<McpServerTool, GetExecutionMetricsTool>();
        builder.Services.AddSingleton<McpServerTool, GetInsightsTool>();
        builder.Services.AddSingleton<McpServerTool, RecordLearningTool>();
        return builder;
    }
}
