using System.Collections.Concurrent;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// Writes one line to the server's log when an execution this process runs ends (completed, failed, cancelled or rolled
/// back), so that the log has each run's outcome beside its start: id, playbook, status, duration and error.
/// </summary>
internal sealed partial class ExecutionOutcomeLog(ILogger logger) : IExecutionObserver
{
    /// <summary>Ends already logged, by execution; a retried execution that ends again has a new end and is logged again.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset?> _logged = new(StringComparer.Ordinal);

    /// <summary>Past this many remembered ends the memory is cleared: at worst one end is logged twice.</summary>
    private const int MaxRemembered = 10_000;

    public void ExecutionChanged(ExecutionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Status.IsFinal() || (_logged.TryGetValue(state.ExecutionId, out var ended) && ended == state.EndedAt))
        {
            return;
        }

        if (_logged.Count >= MaxRemembered)
        {
            _logged.Clear();
        }

        _logged[state.ExecutionId] = state.EndedAt;
        var playbook = $"{state.PlaybookId} {state.PlaybookVersion}{(state.DryRun ? ", dry run" : "")}";
        var duration = state.StartedAt is { } started && state.EndedAt is { } end ? $"{(end - started).TotalSeconds:0.###} s" : "?";
        var status = EnumNames.ToName(state.Status);
        if (state.Error is { } error)
        {
            LogEndedWithError(logger, state.ExecutionId, playbook, status, duration, EnumNames.ToName(error.Category), error.Message);
        }
        else
        {
            LogEnded(logger, state.ExecutionId, playbook, status, duration);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Execution {ExecutionId} ({Playbook}) ended {Status} after {Duration}")]
    private static partial void LogEnded(ILogger logger, string executionId, string playbook, string status, string duration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Execution {ExecutionId} ({Playbook}) ended {Status} after {Duration}: {Category}: {Error}")]
    private static partial void LogEndedWithError(ILogger logger, string executionId, string playbook, string status, string duration, string category, string error);
}
