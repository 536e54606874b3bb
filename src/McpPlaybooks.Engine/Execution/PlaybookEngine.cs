using System.Collections;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Resilience;
using McpPlaybooks.Engine.Secrets;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The engine's front door: opens the history, holds the action runtimes and circuit breakers shared by
/// every execution in the process, and runs executions.
/// </summary>
public sealed partial class PlaybookEngine : IAsyncDisposable
{
    private readonly EngineServices _services;
    private readonly HttpClient? _http;
    private readonly Hosting.ExecutionHost _host;
    private int _disposed;

    private PlaybookEngine(EngineServices services, HistoryStore history, HttpClient? http, Hosting.ExecutionHost host)
    {
        _services = services;
        History = history;
        Memory = new LearningMemory(history, services.Time, services.Options.LearningMemory, services.Secrets.Masker, services.Logger)
        {
            DefaultAttemptTimeout = services.Options.DefaultAttemptTimeout,
        };
        _http = http;
        _host = host;
    }

    /// <summary>This process's identity as an owner of executions (host, pid and a random part).</summary>
    public string OwnerId => _services.OwnerId;

    public HistoryStore History { get; }

    /// <summary>The learning memory: metrics, insights, notes and search over this engine's history.</summary>
    public LearningMemory Memory { get; }

    public EngineOptions Options => _services.Options;

    /// <summary>
    /// Makes <c>playbook</c> steps (and dry runs) find their children in <paramref name="catalog"/>, the server's, which
    /// then validates each file once for the whole process; until called, the engine reads <see cref="EngineOptions.PlaybookDirectories"/>
    /// itself, validating each changed file once too. Give a catalogue of the same folders.
    /// </summary>
    public void FindChildrenIn(Catalog.PlaybookCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _services.Playbooks.Use(catalog);
    }

    /// <summary>The circuit breakers of every target this process has called.</summary>
    public IReadOnlyList<BreakerSnapshot> Breakers => _services.Breakers.Snapshot();

    /// <summary>
    /// Opens the engine on its data directory: creates it when missing, opens (and migrates) the history,
    /// reads the secrets. A bad secrets file throws <see cref="SecretsFileException"/>.
    /// </summary>
    public static Task<PlaybookEngine> OpenAsync(EngineOptions options, TimeProvider time, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        OpenAsync(options, time, loggerFactory, Environment.GetEnvironmentVariables(), cancellationToken);

    /// <summary>As <see cref="OpenAsync(EngineOptions, TimeProvider, ILoggerFactory, CancellationToken)"/>, with the environment to read secrets from.</summary>
    public static Task<PlaybookEngine> OpenAsync(EngineOptions options, TimeProvider time, ILoggerFactory loggerFactory, IDictionary environment, CancellationToken cancellationToken) =>
        OpenAsync(options, time, loggerFactory, environment, takeOverAfter: null, cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(EngineOptions, TimeProvider, ILoggerFactory, CancellationToken)"/>, for a server: returns once the
    /// history is open, and takes over unfinished executions in the background (<see cref="Resumed"/>). A call about one of
    /// them meanwhile takes that one over first and waits for it alone. The history's page check runs beside too: the server
    /// stops when <see cref="HistoryStore.Checked"/> faults.
    /// </summary>
    public static Task<PlaybookEngine> OpenServingAsync(EngineOptions options, TimeProvider time, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        OpenServingAsync(options, time, loggerFactory, Task.CompletedTask, cancellationToken);

    /// <summary>
    /// As <see cref="OpenServingAsync(EngineOptions, TimeProvider, ILoggerFactory, CancellationToken)"/>, with the takeover
    /// scan begun once <paramref name="takeOverAfter"/> completes (a server: once it has answered its client's first
    /// message, so that on a small machine the scan does not slow that answer). Meanwhile a call about one of the
    /// executions takes that one over first, as during the scan.
    /// </summary>
    public static Task<PlaybookEngine> OpenServingAsync(EngineOptions options, TimeProvider time, ILoggerFactory loggerFactory, Task takeOverAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(takeOverAfter);
        return OpenAsync(options, time, loggerFactory, Environment.GetEnvironmentVariables(), takeOverAfter, cancellationToken);
    }

    private static async Task<PlaybookEngine> OpenAsync(EngineOptions options, TimeProvider time, ILoggerFactory loggerFactory, IDictionary environment, Task? takeOverAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var resumeInBackground = takeOverAfter is not null;
        var secrets = SecretStore.Load(environment, options.SecretsFile);
        Engine.History.PrivateFiles.CreateDirectory(options.DataDirectory); // 0700, each directory it creates: the history holds inputs and outputs
        var logger = loggerFactory.CreateLogger<PlaybookEngine>();
        // A server checks the file's pages beside serving (History.Checked), once the takeover may begin: the check reads the
        // whole file, however long the history.
        var history = await HistoryStore.OpenAsync(options.History, time, loggerFactory.CreateLogger<HistoryStore>(), options.KillAfterCommits, checkAfter: takeOverAfter, options.HistoryWaitAtStart, cancellationToken).ConfigureAwait(false);
        history.ReconnectFor = options.HistoryReconnectFor;
        var http = EngineHttp.CreateClient();
        var link = new Hosting.HostLink();
        var owner = OwnerIdentity.NewOwnerId();
        history.Fences.Owner = owner;
        var services = new EngineServices(options, BuiltInActions.Create(options, http, time, link), new CircuitBreakerRegistry(options.Breakers, time), secrets, time, logger, owner);
        history.Listen(new Telemetry.EngineMetrics(history, services.Breakers, time));
        var host = new Hosting.ExecutionHost(services, history, loggerFactory);
        link.Host = host;
        var engine = new PlaybookEngine(services, history, http, host);
        engine.Memory.StartBackfill();
        // The heartbeat first: it renews the leases of what the takeover claims while the takeover goes on (short leases
        // could otherwise expire under a long takeover, and the scan would stop at executions it had already claimed).
        host.StartHeartbeat();
        if (options.ResumeOnOpen)
        {
            engine.Resumed = engine.KeepReportAsync(host.StartResume(takeOverAfter ?? Task.CompletedTask));
            if (!resumeInBackground)
            {
                await engine.Resumed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        if (options.RetainAttemptsFor is { } retain)
        {
            engine.Memory.StartRetention(retain);
        }

        return engine;
    }

    /// <summary>What opening the engine took over (empty when <see cref="EngineOptions.ResumeOnOpen"/> is off, or until <see cref="Resumed"/> completes).</summary>
    public ResumeReport LastResume { get; private set; } = new([], [], []);

    /// <summary>Completes, with <see cref="LastResume"/>, once the takeover begun by opening the engine has run.</summary>
    public Task<ResumeReport> Resumed { get; private set; } = Task.FromResult(new ResumeReport([], [], []));

    private async Task<ResumeReport> KeepReportAsync(Task<ResumeReport> resuming)
    {
        var report = await resuming.ConfigureAwait(false);
        LastResume = report;
        return report;
    }

    /// <summary>
    /// Runs an execution to its end, or until it parks (a gate, a pause, an interrupted step). Cancelling the
    /// token cancels the execution: running steps stop (process trees included), finally runs, the state says
    /// cancelled. Inputs that do not fit throw <see cref="InvalidInputsException"/>, refusals
    /// <see cref="ExecutionRefusedException"/>, before anything is recorded.
    /// </summary>
    public async Task<ExecutionState> RunAsync(ExecutionRequest request, IExecutionObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = await StartAsync(request, observer, cancellationToken).ConfigureAwait(false);
        return await FollowAsync(start, request.StartedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for an execution <see cref="StartAsync"/> gave, as <see cref="RunAsync"/> does: a new one to its end or until it
    /// parks; an existing one is returned as it stands. Cancelling the token cancels the execution as a control request of
    /// <paramref name="cancelledBy"/> (the person who follows it, as <c>run</c>'s Ctrl+C): audited as every other cancel.
    /// </summary>
    public async Task<ExecutionState> FollowAsync(ExecutionStart start, string cancelledBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.Existing)
        {
            return await WaitAsync(start.ExecutionId, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }

        using var cancel = cancellationToken.Register(() =>
        {
            if (_host.Holds(start.ExecutionId))
            {
                _ = CancelFollowedAsync(start.ExecutionId, cancelledBy);
            }
        });
        var state = await _host.WaitAsync(start.ExecutionId, Timeout.InfiniteTimeSpan, CancellationToken.None).ConfigureAwait(false);
        LogEnded(_services.Logger, start.ExecutionId, state.Status);
        return state;
    }

    /// <summary>
    /// The cancel of a caller that stopped following its run: a control request, its audit entry committed before the steps
    /// are told to stop, answered once recorded (the finally steps run in the drive the caller waits for). Before, the
    /// steps were stopped with no audit entry, the one cancel nobody was recorded as asking for.
    /// </summary>
    private async Task CancelFollowedAsync(string executionId, string cancelledBy)
    {
        try
        {
            await _host.ControlAsync(new ControlRequest
            {
                ExecutionId = executionId,
                Action = ControlAction.Cancel,
                RequestedBy = cancelledBy,
                Comment = "the caller that followed the run stopped (Ctrl+C)",
                AnswerWhenRecorded = true,
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ExecutionRefusedException)
        {
            // it ended (or parked) meanwhile: there is nothing left to cancel
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not recorded (the history failed): the steps stop all the same, as the caller asked.
            LogCancelNotRecorded(_services.Logger, executionId, e);
            if (_host.TryGetRun(executionId, out var run))
            {
                run.RequestCancel();
            }
        }
    }

    /// <summary>Whether <c>secrets.NAME</c> is set for this engine's runs (its environment or its secrets file).</summary>
    public bool SecretIsSet(string name) => _services.Secrets.IsSet(name);

    /// <summary>The state of an execution: live when this process runs it, else from history; null when the id is unknown.</summary>
    public Task<ExecutionState?> GetStateAsync(string executionId, CancellationToken cancellationToken) =>
        _host.TryGetRun(executionId, out var run)
            ? Task.FromResult<ExecutionState?>(run.CurrentState)
            : _host.Resuming ? GetStateTakenOverAsync(executionId, cancellationToken) : _host.StoredStateAsync(executionId, cancellationToken);

    /// <summary>The run of an execution this process drives (tests).</summary>
    internal bool TryGetRun(string executionId, out ExecutionRun run) => _host.TryGetRun(executionId, out run);

    /// <summary>While the start-up takeover runs: the execution is taken over first when it is this process's to take.</summary>
    private async Task<ExecutionState?> GetStateTakenOverAsync(string executionId, CancellationToken cancellationToken)
    {
        await _host.EnsureTakenOverAsync(executionId, cancellationToken).ConfigureAwait(false);
        return _host.TryGetRun(executionId, out var run)
            ? run.CurrentState
            : await _host.StoredStateAsync(executionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the engine and closes its history; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Memory.StopBackfillAsync().ConfigureAwait(false);
        await Memory.StopRetentionAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
        _http?.Dispose();
        await History.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {PlaybookId} {Version} (dry run: {DryRun})")]
    private static partial void LogStarting(ILogger logger, string playbookId, string version, bool dryRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Execution {ExecutionId} ended: {Status}")]
    private static partial void LogEnded(ILogger logger, string executionId, ExecutionStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cancel of execution {ExecutionId} could not be recorded; its steps are stopped all the same")]
    private static partial void LogCancelNotRecorded(ILogger logger, string executionId, Exception error);
}
