using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.Execution;

// CONTRACT (issue #4): the lead replaces these bodies. Helpers code against the signatures.
public sealed partial class PlaybookEngine
{
    /// <summary>
    /// Starts an execution in the background and returns once its start is recorded. Refusals (guardrails, lifecycle,
    /// bad inputs) throw <see cref="ExecutionRefusedException"/> or <see cref="InvalidInputsException"/> before anything is recorded.
    /// The same idempotency key, or an identical active run, returns the existing execution (<see cref="ExecutionStart.Existing"/>).
    /// </summary>
    public Task<ExecutionStart> StartAsync(ExecutionRequest request, IExecutionObserver? observer, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Waits until the execution has ended or parked (gate, pause, interrupted step), or until <paramref name="timeout"/>; returns its state then.</summary>
    public Task<ExecutionState> WaitAsync(string executionId, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Applies a control action; refusals throw <see cref="ExecutionRefusedException"/> naming the state and the actions it allows.</summary>
    public Task<ExecutionState> ControlAsync(ControlRequest request, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Records a decision on a pending gate; the execution goes on once the gate is decided.</summary>
    public Task<ExecutionState> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Takes over every unfinished execution with no live owner, and resumes it.</summary>
    public Task<ResumeReport> ResumeUnfinishedAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Waits until no execution of this process is running (all ended or parked).</summary>
    public Task WaitIdleAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Hears every execution of this process (null id) or one execution.</summary>
    public IDisposable Observe(string? executionId, IExecutionObserver observer) => throw new NotImplementedException();

    /// <summary>Moves a playbook version along its lifecycle; an invalid move throws <see cref="ExecutionRefusedException"/>.</summary>
    public Task SetPlaybookStatusAsync(string playbookId, string version, PlaybookStatus status, string actor, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>The lifecycle status of a playbook version; a version never given one (a file on disk) is active.</summary>
    public Task<PlaybookStatus> GetPlaybookStatusAsync(string playbookId, string version, CancellationToken cancellationToken) => throw new NotImplementedException();
}
