using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>What <c>run</c> says when an identical execution is already active: which one, and what to do with it instead.</summary>
internal static class DuplicateRun
{
    public static string Describe(ExecutionStart start, ExecutionState? state)
    {
        ArgumentNullException.ThrowIfNull(start);
        var id = start.ExecutionId;
        var status = state is null ? "active" : EnumNames.ToName(state.Status);
        var gate = state is { Status: ExecutionStatus.WaitingApproval, PendingApprovals: [var pending, ..] }
            ? $"decide its gate with 'mcp-playbooks approve {id} {pending.StepId}' (or --reject), "
            : "";
        return $"an identical execution (same playbook version, inputs and incident) is already {status}: {id}. "
            + $"Nothing was started. Look at it with 'mcp-playbooks show {id}', {gate}or stop it with 'mcp-playbooks control {id} cancel'; "
            + "pass --idempotency-key KEY to start another one deliberately.";
    }
}
