using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using McpPlaybooks.Server.Mcp.Waiting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>
/// <c>plan_playbook</c>: the dry run of a catalogue playbook, as <c>execute_playbook</c> with <c>dry_run</c> makes it, under a
/// read-only, idempotent tool so that a host need not ask before each plan. It touches nothing outside the server (the
/// dry run is recorded in the history, as every dry run is); it needs the operator role, as a dry run always did.
/// </summary>
internal sealed class PlanPlaybookTool : PlaybookTool
{
    private readonly PlaybookStarter _starter;

    public PlanPlaybookTool(PlaybookEngine engine, PlaybookCatalog catalog, TimeProvider time, ILogger<PlanPlaybookTool> logger)
        : base(Declare(), logger)
    {
        _starter = new PlaybookStarter(engine, catalog, new ExecutionWaiter(engine, time, logger));
    }

    internal static ToolParameter PlaybookIdParameter { get; } = ToolParameter.String("playbook_id", "From list_playbooks.", required: true);

    internal static ToolParameter VersionParameter { get; } = ToolParameter.String("version", "Default: the latest.");

    internal static ToolParameter InputsParameter { get; } = ToolParameter.Object("inputs", "By name; see get_playbook.");

    internal static ToolParameter IncidentParameter { get; } = ToolParameter.ObjectOrText("incident", "The alert's fields, or {\"text\": a sentence}.");

    private static ToolDefinition Declare() => new()
    {
        Name = "plan_playbook",
        Title = "Plan a playbook",
        Description = "Dry run: what each step would do with these inputs, its gates, what would fail. Touches nothing. "
            + "Show the plan, then execute_playbook.",
        Parameters = [PlaybookIdParameter, VersionParameter, InputsParameter, IncidentParameter],
        OutputSchema = ExecutionStateSchema.Schema,
        ReadOnly = true,
        Idempotent = true,
        RequiredRole = ServerRoles.Operator,
    };

    protected override Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _starter.RunAsync(call, dryRun: true, cancellationToken);
    }
}
