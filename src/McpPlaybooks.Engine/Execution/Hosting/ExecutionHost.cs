using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The executions this process owns: it starts them, drives them, hands them decisions and control actions (or forwards
/// them to their owner), and wires up what does the rest: the runs it holds and their gates' deadlines
/// (<see cref="HeldRuns"/>), their leases (<see cref="RunLeases"/>), requests to and from other processes
/// (<see cref="RequestForwarder"/>, <see cref="RequestInbox"/>), takeovers (<see cref="Takeover"/>,
/// <see cref="TakeoverScan"/>), the <see cref="Heartbeat"/>, waits (<see cref="RunWaits"/>), child executions
/// (<see cref="ChildRuns"/>) and signals (<see cref="EventSignals"/>). A parked execution is only its state here: no task, no thread.
/// </summary>
internal sealed partial class ExecutionHost : IRunHost, IAsyncDisposable
{
    private readonly HeldRuns _runs;
    private readonly RunLeases _leases;
    private readonly RequestInbox _inbox;
    private readonly RequestForwarder _forwarder;
    private readonly Takeover _takeover;
    private readonly TakeoverScan _scan;
    private readonly Heartbeat _heartbeat;
    private readonly RunWaits _waits;

    /// <summary>Cancelled when the host closes: the heartbeat, the takeover scan and what they began stop.</summary>
    private readonly CancellationTokenSource _closing = new();

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly StartChecks _startChecks;
    private readonly ILogger _logger;

    public ExecutionHost(EngineServices services, HistoryStore history, ILoggerFactory loggerFactory)
    {
        Services = services;
        History = history;
        Pinned = new PinnedPlaybooks(history);
        Signals = new EventSignals(history, services.Time);
        _startChecks = new StartChecks(history);
        _logger = loggerFactory.CreateLogger<ExecutionHost>();
        _runs = new HeldRuns(services.Time, _logger);
        _leases = new RunLeases(history, services, _runs, _logger);
        _inbox = new RequestInbox(history, services, DecideAsync, ControlAsync, _logger);
        _forwarder = new RequestForwarder(history, services, StoredStateAsync, TakeOverFromGoneOwnerAsync);
        _takeover = new Takeover(history, services, _runs, Pinned, _leases, _inbox, CreateRun, request => CascadeAsync(request, _closing.Token), _logger);
        _scan = new TakeoverScan(history, services, _runs, _takeover, _leases, _logger);
        _heartbeat = new Heartbeat(history, services, _leases, _inbox, _scan, _logger);
        _waits = new RunWaits(history, services.Time, _runs, _scan, StoredStateAsync);
        Links = new Approvals.Links.ApprovalLinks(this, _logger);
        Gates = new Approvals.GateReviews(this);
        Children = new ChildRuns(history, services, _runs, Observers, (request, cancellationToken) => StartAsync(request, null, cancellationToken), ControlAsync, StoredStateAsync);
    }

    /// <summary>One-time approval links for this process's gates (and anyone's, through the history).</summary>
    public Approvals.Links.ApprovalLinks Links { get; }

    /// <summary>The waiting gates of an execution, as a person reviews them before deciding.</summary>
    public Approvals.GateReviews Gates { get; }

    public EngineServices Services { get; }

    public HistoryStore History { get; }

    /// <summary>The playbooks executions are pinned to, as history keeps them (loaded once each).</summary>
    public PinnedPlaybooks Pinned { get; }

    public ObserverHub Observers { get; } = new();

    /// <summary>The child executions <c>playbook</c> steps run.</summary>
    public ChildRuns Children { get; }

    /// <summary>The signals <c>event</c> steps wait for.</summary>
    public EventSignals Signals { get; }

    /// <summary>Executions this process holds (driving or parked).</summary>
    public int Count => _runs.Count;

    /// <summary>Whether a run of this process holds the execution now.</summary>
    public bool Holds(string executionId) => _runs.Holds(executionId);

    /// <summary>Whether a run of this process drives the execution now, not only waiting for parked children.</summary>
    public bool Drives(string executionId) => _runs.TryGet(executionId, out var run) && run.IsDriving && !_runs.IsParkedThroughChildren(run);

    /// <summary>How many runs left this process because their lease was taken over (tests and the scale-out figures).</summary>
    public int LostLeases => _leases.Lost;

    /// <summary>Gates with a deadline being watched.</summary>
    public int Deadlines => _runs.Deadlines;

    private DateTimeOffset Now => Services.Time.GetUtcNow();

    /// <inheritdoc cref="Heartbeat.Start"/>
    public void StartHeartbeat() => _heartbeat.Start(_closing.Token);

    /// <summary>True while the takeover begun by <see cref="StartResume"/> runs.</summary>
    public bool Resuming => _scan.Resuming;

    /// <inheritdoc cref="TakeoverScan.StartResume"/>
    public Task<ResumeReport> StartResume(Task after) => _scan.StartResume(after, _closing.Token);

    /// <inheritdoc cref="TakeoverScan.EnsureTakenOverAsync"/>
    public Task EnsureTakenOverAsync(string executionId, CancellationToken cancellationToken) => _scan.EnsureTakenOverAsync(executionId, cancellationToken);

    /// <inheritdoc cref="TakeoverScan.ResumeUnfinishedAsync(CancellationToken)"/>
    public Task<ResumeReport> ResumeUnfinishedAsync(CancellationToken cancellationToken) => _scan.ResumeUnfinishedAsync(cancellationToken);

    public bool TryGetRun(string executionId, out ExecutionRun run) => _runs.TryGet(executionId, out run!);

    /// <summary>The execution's state from history, as this process sees one it does not hold; null when the id is unknown.</summary>
    public Task<ExecutionState?> StoredStateAsync(string executionId, CancellationToken cancellationToken) =>
        StoredExecutionState.LoadAsync(History, executionId, Pinned, Services.Secrets.Masker, cancellationToken);

    /// <summary>Makes the run of a request (new, or to be restored under <paramref name="id"/>), wired to this host.</summary>
    public ExecutionRun CreateRun(ExecutionRequest request, string? id = null)
    {
        var secretInputs = SecretDefaults.Given(request.Playbook, request.Inputs).Select(i => request.Inputs[i.Name].ToDisplayString()).ToList();
        var masker = Services.Secrets.Masker.ForExecution(secretInputs, new DerivedSecrets());
        var run = new ExecutionRun(request, Services, executionId => new HistoryRecorder(History, masker, Observers, Services.Time, executionId), Observers, id);
        run.AttachHost(this);
        return run;
    }

    /// <inheritdoc cref="RunWaits.WaitAsync"/>
    public Task<ExecutionState> WaitAsync(string executionId, TimeSpan timeout, CancellationToken cancellationToken) => _waits.WaitAsync(executionId, timeout, cancellationToken);

    /// <inheritdoc cref="RunWaits.WaitIdleAsync"/>
    public Task WaitIdleAsync(CancellationToken cancellationToken) => _waits.WaitIdleAsync(cancellationToken);

    public static ExecutionRefusedException Unknown(string executionId) =>
        new(RefusalKind.UnknownExecution, $"no execution '{executionId}' in this data directory; list_executions shows the recent ones (ids look like ex-0193…).");

    void IRunHost.GateOpened(ExecutionRun run, PendingApproval gate) => _runs.GateOpened(run, gate);

    void IRunHost.GateClosed(ExecutionRun run, string stepId) => _runs.GateClosed(run, stepId);

    Task<Planning.ChildDryRun> IRunHost.DryRunChildAsync(ExecutionRun parent, Planning.PlannedChild child) => new ChildDryRunner(this).RunAsync(parent, child);

    void IRunHost.GateReached(Approvals.Links.GateOpening opening) => Links.Publish(opening);

    void IRunHost.DriveEnded(ExecutionRun run, Exception? error)
    {
        if (_leases.LostByDrive(run, error))
        {
            return;
        }

        if (error is not null)
        {
            HostLog.DriveFailed(_logger, run.Id, error);
        }

        _ = _leases.RetireWhenSettledAsync(run);
    }

    /// <summary>
    /// Stops the heartbeat, the takeover scan and the deadlines, and lets other processes take over at once the executions
    /// parked here. Runs still driving keep their leases, which expire, as after a crash.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        await _heartbeat.StoppedAsync().ConfigureAwait(false);
        await _scan.StoppedAsync().ConfigureAwait(false);
        _runs.Dispose();
        await _leases.ReleaseParkedAsync().ConfigureAwait(false);
        _closing.Dispose();
        _startLock.Dispose();
        Signals.Dispose();
    }
}
