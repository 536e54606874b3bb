using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Hosting;
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
        // Built by hand, not by the container (see ServiceConstruction).
        var services = builder.Services;
        services.AddSingleton<McpServerTool>(s => new ListPlaybooksTool(Engine(s), Catalog(s), s.Logger<ListPlaybooksTool>()));
        services.AddSingleton<McpServerTool>(s => new GetPlaybookTool(Engine(s), Catalog(s), s.Logger<GetPlaybookTool>()));
        services.AddSingleton<McpServerTool>(s => new ValidatePlaybookTool(Engine(s), Catalog(s), s.Logger<ValidatePlaybookTool>()));
        services.AddSingleton<McpServerTool>(s => new SavePlaybookTool(Engine(s), Catalog(s), s.Logger<SavePlaybookTool>()));
        services.AddSingleton<McpServerTool>(s => new PlanPlaybookTool(Engine(s), Catalog(s), Time(s), s.Logger<PlanPlaybookTool>()));
        services.AddSingleton<McpServerTool>(s => new ExecutePlaybookTool(Engine(s), Catalog(s), Time(s), s.Logger<ExecutePlaybookTool>()));
        services.AddSingleton<McpServerTool>(s => new GetExecutionTool(Engine(s), s.Logger<GetExecutionTool>()));
        services.AddSingleton<McpServerTool>(s => new ListExecutionsTool(Engine(s), s.Logger<ListExecutionsTool>()));
        services.AddSingleton<McpServerTool>(s => new ControlExecutionTool(Engine(s), Time(s), s.Logger<ControlExecutionTool>()));
        services.AddSingleton<McpServerTool>(s => new ApproveStepTool(Engine(s), Time(s), s.Logger<ApproveStepTool>()));
        services.AddSingleton<McpServerTool>(s => new GetExecutionLogsTool(Engine(s), s.Logger<GetExecutionLogsTool>()));
        services.AddSingleton<McpServerTool>(s => new GetExecutionMetricsTool(Engine(s), Catalog(s), Time(s), s.Logger<GetExecutionMetricsTool>()));
        services.AddSingleton<McpServerTool>(s => new GetInsightsTool(Engine(s), Catalog(s), s.Logger<GetInsightsTool>()));
        services.AddSingleton<McpServerTool>(s => new RecordLearningTool(Engine(s), Catalog(s), s.Logger<RecordLearningTool>()));
        return builder;
    }

    private static PlaybookEngine Engine(IServiceProvider services) => services.GetRequiredService<PlaybookEngine>();

    private static PlaybookCatalog Catalog(IServiceProvider services) => services.GetRequiredService<PlaybookCatalog>();

    private static TimeProvider Time(IServiceProvider services) => services.GetRequiredService<TimeProvider>();
}
