using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Mcp.Tools.Catalog;
using McpPlaybooks.Server.Mcp.Tools.Executions;
using McpPlaybooks.Server.Mcp.Tools.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tools;

/// <summary>Registers the server's tools, in the order <c>tools/list</c> gives them: find, read, check, save, plan, run, follow, steer, learn.</summary>
internal static class ToolRegistration
{
    public static IMcpServerBuilder AddPlaybookTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Built by hand, not by the container: it would find each constructor by reflection and make each ILogger<T> at
        // run time, which in the native executable costs more of the start than building the tools does.
        var services = builder.Services;
        services.AddSingleton<McpServerTool>(s => new ListPlaybooksTool(Engine(s), Catalog(s), Log<ListPlaybooksTool>(s)));
        services.AddSingleton<McpServerTool>(s => new GetPlaybookTool(Engine(s), Catalog(s), Log<GetPlaybookTool>(s)));
        services.AddSingleton<McpServerTool>(s => new ValidatePlaybookTool(Engine(s), Catalog(s), Log<ValidatePlaybookTool>(s)));
        services.AddSingleton<McpServerTool>(s => new SavePlaybookTool(Engine(s), Catalog(s), Log<SavePlaybookTool>(s)));
        services.AddSingleton<McpServerTool>(s => new PlanPlaybookTool(Engine(s), Catalog(s), Time(s), Log<PlanPlaybookTool>(s)));
        services.AddSingleton<McpServerTool>(s => new ExecutePlaybookTool(Engine(s), Catalog(s), Time(s), Log<ExecutePlaybookTool>(s)));
        services.AddSingleton<McpServerTool>(s => new GetExecutionTool(Engine(s), Log<GetExecutionTool>(s)));
        services.AddSingleton<McpServerTool>(s => new ListExecutionsTool(Engine(s), Log<ListExecutionsTool>(s)));
        services.AddSingleton<McpServerTool>(s => new ControlExecutionTool(Engine(s), Time(s), Log<ControlExecutionTool>(s)));
        services.AddSingleton<McpServerTool>(s => new ApproveStepTool(Engine(s), Time(s), Log<ApproveStepTool>(s)));
        services.AddSingleton<McpServerTool>(s => new GetExecutionLogsTool(Engine(s), Log<GetExecutionLogsTool>(s)));
        services.AddSingleton<McpServerTool>(s => new GetExecutionMetricsTool(Engine(s), Catalog(s), Time(s), Log<GetExecutionMetricsTool>(s)));
        services.AddSingleton<McpServerTool>(s => new GetInsightsTool(Engine(s), Catalog(s), Log<GetInsightsTool>(s)));
        services.AddSingleton<McpServerTool>(s => new RecordLearningTool(Engine(s), Catalog(s), Log<RecordLearningTool>(s)));
        return builder;
    }

    private static PlaybookEngine Engine(IServiceProvider services) => services.GetRequiredService<PlaybookEngine>();

    private static PlaybookCatalog Catalog(IServiceProvider services) => services.GetRequiredService<PlaybookCatalog>();

    private static TimeProvider Time(IServiceProvider services) => services.GetRequiredService<TimeProvider>();

    private static ILogger<T> Log<T>(IServiceProvider services) => services.GetRequiredService<ILoggerFactory>().CreateLogger<T>();
}
