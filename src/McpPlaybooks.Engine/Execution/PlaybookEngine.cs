using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The engine's front door: opens the history, holds the actions and breakers shared by every
/// execution in the process, and runs executions.
/// </summary>
public sealed class PlaybookEngine : IAsyncDisposable
{
    private PlaybookEngine()
    {
    }

    public static Task<PlaybookEngine> OpenAsync(EngineOptions options, TimeProvider time, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        throw new NotImplementedException("issue #3: in progress");

    public HistoryStore History => throw new NotImplementedException();

    /// <summary>Runs an execution to its end, or to a gate it cannot pass. Cancelling the token cancels the execution (running steps stop, finally runs).</summary>
    public Task<ExecutionState> RunAsync(ExecutionRequest request, IExecutionObserver? observer, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>The state of an execution from history; null when the id is unknown.</summary>
    public Task<ExecutionState?> GetStateAsync(string executionId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
