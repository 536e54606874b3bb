using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution;

/// <summary>What a run tells the process that hosts it, and asks of it: gates with a deadline to watch, a child playbook to dry-run.</summary>
internal interface IRunHost
{
    void GateOpened(ExecutionRun run, PendingApproval gate);

    void GateClosed(ExecutionRun run, string stepId);

    /// <summary>A gate was reached and recorded as waiting (not a gate restored by a takeover): links may be delivered for it.</summary>
    void GateReached(Approvals.Links.GateOpening opening);

    /// <summary>Dry-runs a child playbook that <paramref name="parent"/>'s dry run would start, linked to it; says what it found.</summary>
    Task<Planning.ChildDryRun> DryRunChildAsync(ExecutionRun parent, Planning.PlannedChild child);

    /// <summary>A drive ended (parked or finished), or failed with <paramref name="error"/> (a history write that failed).</summary>
    void DriveEnded(ExecutionRun run, Exception? error);
}
