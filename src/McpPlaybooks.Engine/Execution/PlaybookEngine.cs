using System.Collections;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;
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

    private PlaybookEngine(EngineServices services, HistoryStore history, HttpClient? http)
    {
        _services = services;
        History = history;
        _http = http;
    }

    public HistoryStore History { get; }

    public EngineOptions Options => _services.Options;

    /// <summary>The circuit breakers of every target this process has called.</summary>
    public IReadOnlyList<BreakerSnapshot> Breakers => _services.Breakers.Snapshot();

    /// <summary>
    /// Opens the engine on its data directory: creates it when missing, opens (and migrates) the history,
    /// reads the secrets. A bad secrets file throws <see cref="SecretsFileException"/>.
    /// </summary>
    public static Task<PlaybookEngine> OpenAsync(EngineOptions options, TimeProvider time, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        OpenAsync(options, time, loggerFactory, Environment.GetEnvironmentVariables(), cancellationToken);

    /// <summary>As <see cref="OpenAsync(EngineOptions, TimeProvider, ILoggerFactory, CancellationToken)"/>, with the environment to read secrets from.</summary>
    public static async Task<PlaybookEngine> OpenAsync(EngineOptions options, TimeProvider time, ILoggerFactory loggerFactory, IDictionary environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var secrets = SecretStore.Load(environment, options.SecretsFile);
        Directory.CreateDirectory(options.DataDirectory);
        var logger = loggerFactory.CreateLogger<PlaybookEngine>();
        var history = await HistoryStore.OpenAsync(options.DatabasePath, time, loggerFactory.CreateLogger<HistoryStore>(), cancellationToken).ConfigureAwait(false);
        var http = EngineHttp.CreateClient();
        var services = new EngineServices(options, BuiltInActions.Create(options, http, time), new CircuitBreakerRegistry(options.Breakers, time), secrets, time, logger);
        return new PlaybookEngine(services, history, http);
    }

    /// <summary>
    /// Runs an execution to its end, or to a gate it cannot pass. Cancelling the token cancels the
    /// execution: running steps stop (process trees included), finally runs, the state says cancelled.
    /// Inputs that do not fit throw <see cref="InvalidInputsException"/> before anything is recorded.
    /// </summary>
    public async Task<ExecutionState> RunAsync(ExecutionRequest request, IExecutionObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var binding = InputBinder.Bind(request.Playbook, request.Inputs);
        if (!binding.IsValid)
        {
            throw new InvalidInputsException(binding.Problems);
        }

        request = request with { Inputs = binding.Values };
        var masker = new SecretMasker(_services.Secrets.Values.Concat(SecretInputs(request)));
        var run = new ExecutionRun(request, _services, id => new HistoryRecorder(History, masker, observer, _services.Time, id), observer);
        LogStarting(_services.Logger, run.Id, request.Playbook.Id, request.Playbook.Version, request.DryRun);
        var state = await run.RunAsync(cancellationToken).ConfigureAwait(false);
        LogEnded(_services.Logger, run.Id, state.Status);
        return state;
    }

    /// <summary>The state of an execution from history; null when the id is unknown.</summary>
    public Task<ExecutionState?> GetStateAsync(string executionId, CancellationToken cancellationToken) =>
        StoredExecutionState.LoadAsync(History, executionId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await History.DisposeAsync().ConfigureAwait(false);
    }

    private static IEnumerable<string> SecretInputs(ExecutionRequest request) =>
        request.Playbook.Inputs
            .Where(i => i.Secret && request.Inputs.TryGetValue(i.Name, out var v) && v.Kind != Expressions.ValueKind.Null)
            .Select(i => request.Inputs[i.Name].ToDisplayString());

    [LoggerMessage(Level = LogLevel.Information, Message = "Execution {ExecutionId} of {PlaybookId} {Version} starting (dry run: {DryRun})")]
    private static partial void LogStarting(ILogger logger, string executionId, string playbookId, string version, bool dryRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Execution {ExecutionId} ended: {Status}")]
    private static partial void LogEnded(ILogger logger, string executionId, ExecutionStatus status);
}
