using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using McpPlaybooks.Server.Mcp.Waiting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>
/// <c>execute_playbook</c>: starts an execution of a catalogue playbook, optionally waits for it with progress, and returns
/// its state. <c>dry_run</c> stays for the callers that use it; <c>plan_playbook</c> is the read-only way to a dry run.
/// </summary>
internal sealed class ExecutePlaybookTool : PlaybookTool
{
    private readonly PlaybookStarter _starter;

    public ExecutePlaybookTool(PlaybookEngine engine, PlaybookCatalog catalog, TimeProvider time, ILogger<ExecutePlaybookTool> logger)
        : base(Declare(), logger)
    {
        _starter = new PlaybookStarter(engine, catalog, new ExecutionWaiter(engine, time, logger));
    }

    private static ToolDefinition Declare() => new()
    {
        Name = "execute_playbook",
        Title = "Execute a playbook",
        Description = "Runs a playbook for real; returns its state. Show plan_playbook's plan first; run once the user agrees.",
        Parameters =
        [
            PlanPlaybookTool.PlaybookIdParameter,
            PlanPlaybookTool.VersionParameter,
            PlanPlaybookTool.InputsParameter,
            PlanPlaybookTool.IncidentParameter,
            ToolParameter.Boolean("dry_run", "Plan only, as plan_playbook."),
            ToolParameter.String("idempotency_key", "Same key, same execution."),
            WaitParameter,
        ],
        OutputSchema = ExecutionStateSchema.Schema,
        Destructive = true,
        OpenWorld = true,
    };

    /// <summary>The <c>wait_seconds</c> of the tools that act on an execution.</summary>
    internal static ToolParameter WaitParameter { get; } = ToolParameter.Integer("wait_seconds", "Wait for the end or a gate (default 0).", 0, 900);

    protected override Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _starter.RunAsync(call, call.Arguments.Boolean("dry_run") ?? false, cancellationToken);
    }
}
