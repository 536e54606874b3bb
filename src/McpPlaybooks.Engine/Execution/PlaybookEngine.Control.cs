using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.Execution;

/// <summary>Starting, waiting for, deciding on and controlling executions; the playbook lifecycle.</summary>
public sealed partial class PlaybookEngine
{
    /// <summary>
    /// Starts an execution in the background and returns once its start is recorded. Refusals (guardrails, lifecycle)
    /// throw <see cref="ExecutionRefusedException"/>, bad inputs <see cref="InvalidInputsException"/>, before anything is recorded.
    /// The same idempotency key, or an identical active run, returns the existing execution (<see cref="ExecutionStart.Existing"/>).
    /// </summary>
    public async Task<ExecutionStart> StartAsync(ExecutionRequest request, IExecutionObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var binding = InputBinder.Bind(request.Playbook, request.Inputs);
        if (binding.PatternFault is { } fault)
        {
            throw new ExecutionRefusedException(RefusalKind.PlaybookNotRunnable, $"playbook '{request.Playbook.Id}' cannot check its inputs: {fault}");
        }

        if (!binding.IsValid)
        {
            throw new InvalidInputsException(binding.Problems);
        }

        LogStarting(_services.Logger, request.Playbook.Id, request.Playbook.Version, request.DryRun);
        return await _host.StartAsync(request with { Inputs = binding.Values }, observer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the execution has ended or parked (gate, pause, interrupted step), or until <paramref name="timeout"/>; returns its state then.</summary>
    public Task<ExecutionState> WaitAsync(string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        _host.WaitAsync(executionId, timeout, cancellationToken);

    /// <summary>Applies a control action; refusals throw <see cref="ExecutionRefusedException"/> naming the state and the actions it allows.</summary>
    public Task<ExecutionState> ControlAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _host.ControlAsync(request, cancellationToken);
    }

    /// <summary>
    /// Who asked for the cancel the unfinished execution is carrying out (its finally steps may be running, or its owner
    /// died first and whoever takes it over ends it); null when no cancel is pending. Read from the history, so it
    /// answers for executions another process runs.
    /// </summary>
    public async Task<string?> CancellingAsync(string executionId, CancellationToken cancellationToken) =>
        (await Hosting.PendingRequest.CancellingAsync(History, executionId, cancellationToken).ConfigureAwait(false))?.Actor;

    /// <summary>One-time approval links: issue one for an open gate, look one up, redeem it for one decision; hear gates open.</summary>
    public Approvals.Links.ApprovalLinks Links => _host.Links;

    /// <summary>The waiting gates of an execution, each with what a person needs to decide it (the links' page and the dashboard show these).</summary>
    public Approvals.GateReviews Gates => _host.Gates;

    /// <summary>
    /// Records a decision on a pending gate; the execution goes on once the gate is decided. The gate of a child execution
    /// that its parent shows among its pending approvals is decided through the parent's id too, wherever either runs
    /// (the command line's <c>approve PARENT STEP</c>, as approve_step); the parent's state is returned then.
    /// </summary>
    public async Task<ExecutionState> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _host.DecideAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionRefusedException refusal) when (refusal.Kind is RefusalKind.UnknownStep or RefusalKind.NoPendingGate)
        {
            var parent = await GetStateAsync(request.ExecutionId, cancellationToken).ConfigureAwait(false);
            if (parent?.PendingApprovals.FirstOrDefault(g => g.StepId == request.StepId && g.ExecutionId is not null) is not { ExecutionId: { } child })
            {
                throw;
            }

            await _host.DecideAsync(request with { ExecutionId = child }, cancellationToken).ConfigureAwait(false);
            return await GetStateAsync(request.ExecutionId, cancellationToken).ConfigureAwait(false) ?? parent;
        }
    }

    /// <summary>
    /// Starts a new execution of the exact playbook version <paramref name="executionId"/> ran, with its inputs
    /// (or <paramref name="inputs"/>) and incident, linked to it (<c>replay_of</c>). Secret inputs must be given again.
    /// Guardrails and the identical-run check apply as to any start.
    /// </summary>
    public Task<ExecutionStart> ReplayAsync(string executionId, IReadOnlyDictionary<string, Expressions.Value>? inputs, string startedBy, CancellationToken cancellationToken) =>
        _host.ReplayAsync(executionId, inputs, startedBy, cancellationToken);

    /// <summary>Takes over every unfinished execution with no live owner, and resumes it.</summary>
    public Task<ResumeReport> ResumeUnfinishedAsync(CancellationToken cancellationToken) => _host.ResumeUnfinishedAsync(cancellationToken);

    /// <summary>Waits until no execution of this process is running (all ended or parked).</summary>
    public Task WaitIdleAsync(CancellationToken cancellationToken) => _host.WaitIdleAsync(cancellationToken);

    /// <summary>Executions this process holds now (running or parked).</summary>
    public int HeldExecutions => _host.Count;

    /// <summary>Whether this process holds the execution now (its lease, and a run of it: driving or parked).</summary>
    public bool Holds(string executionId) => _host.Holds(executionId);

    /// <summary>
    /// Whether this process drives the execution now, not only waiting for parked children: a command that applied a request
    /// to it (<c>approve</c>, <c>control</c>) waits for that drive before it exits.
    /// </summary>
    public bool Drives(string executionId) => _host.Drives(executionId);

    /// <summary>Runs that left this process because another took their lease over (a refused write, or a renewal that missed them).</summary>
    public int LostLeases => _host.LostLeases;

    /// <summary>The gates whose deadline the engine watches (its one deadline index); for the benchmarks.</summary>
    internal int WatchedDeadlines => _host.Deadlines;

    /// <summary>Hears every execution of this process (null id) or one execution; dispose the result to stop.</summary>
    public IDisposable Observe(string? executionId, IExecutionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return _host.Observers.Add(executionId, observer);
    }

    /// <summary>Moves a playbook version along its lifecycle; an invalid move throws <see cref="ExecutionRefusedException"/>.</summary>
    public Task SetPlaybookStatusAsync(string playbookId, string version, PlaybookStatus status, string actor, CancellationToken cancellationToken) =>
        SetPlaybookStatusAsync(playbookId, version, status, actor, [], cancellationToken);

    /// <summary>
    /// As the other overload; <paramref name="knownVersions"/> are the playbook's other versions the caller knows of (its
    /// files): publishing deprecates those never given a status too, since a version without a record counts as active.
    /// </summary>
    public async Task SetPlaybookStatusAsync(string playbookId, string version, PlaybookStatus status, string actor, IReadOnlyCollection<string> knownVersions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knownVersions);
        // A version never given a status (a new save, or a file on disk) may take any first one: a new save starts as a draft.
        var current = await History.GetPlaybookStatusAsync(playbookId, version, cancellationToken).ConfigureAwait(false);
        if (current is not null && PlaybookLifecycle.RefuseMove(playbookId, version, current.Status, status) is { } refusal)
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidTransition, refusal);
        }

        var now = _services.Time.GetUtcNow();
        var writes = new List<HistoryWrite>
        {
            new HistoryWrite.SavePlaybookStatus(new PlaybookStatusRecord { PlaybookId = playbookId, Version = version, Status = status, ChangedAt = now, ChangedBy = actor }),
            new HistoryWrite.AppendAudit(new AuditRecord { At = now, Actor = actor, Action = "playbook_" + Definitions.EnumNames.ToName(status), SubjectType = "playbook", SubjectId = $"{playbookId}@{version}" }),
        };
        if (status == PlaybookStatus.Active)
        {
            // One active version per playbook: publishing one deprecates the others.
            var recorded = await History.ListPlaybookStatusesAsync(playbookId, cancellationToken).ConfigureAwait(false);
            foreach (var other in recorded)
            {
                if (other.Version != version && other.Status == PlaybookStatus.Active)
                {
                    writes.Add(new HistoryWrite.SavePlaybookStatus(other with { Status = PlaybookStatus.Deprecated, ChangedAt = now, ChangedBy = actor }));
                }
            }

            foreach (var other in knownVersions.Where(v => v != version && recorded.All(r => r.Version != v)))
            {
                writes.Add(new HistoryWrite.SavePlaybookStatus(new PlaybookStatusRecord { PlaybookId = playbookId, Version = other, Status = PlaybookStatus.Deprecated, ChangedAt = now, ChangedBy = actor }));
                writes.Add(new HistoryWrite.AppendAudit(new AuditRecord { At = now, Actor = actor, Action = "playbook_deprecated", SubjectType = "playbook", SubjectId = $"{playbookId}@{other}" }));
            }
        }

        await History.WriteAsync(writes).ConfigureAwait(false);
    }

    /// <summary>The lifecycle status of a playbook version; a version never given one (a file on disk) is active.</summary>
    public Task<PlaybookStatus> GetPlaybookStatusAsync(string playbookId, string version, CancellationToken cancellationToken) =>
        _host.PlaybookStatusAsync(playbookId, version, cancellationToken);

    /// <summary>
    /// The lifecycle status of each of these playbook versions, read in one query (a list of the catalogue asked one per
    /// playbook); a version never given one is active, as for <see cref="GetPlaybookStatusAsync"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string PlaybookId, string Version), PlaybookStatus>> GetPlaybookStatusesAsync(
        IReadOnlyList<(string PlaybookId, string Version)> versions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var recorded = await History.ListPlaybookStatusesAsync([.. versions.Select(v => v.PlaybookId).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        var statuses = recorded.ToDictionary(r => (r.PlaybookId, r.Version), r => r.Status);
        return versions.Distinct().ToDictionary(v => v, v => statuses.GetValueOrDefault(v, PlaybookStatus.Active));
    }
}
