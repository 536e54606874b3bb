using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>
/// Hears an engine (every execution) and completes tasks when a step, or an execution reaches
/// what a test waits for: the way to synchronise with the engine without sleeping. Ask before the moment comes.
/// </summary>
internal sealed class ExecutionProbe : IExecutionObserver
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private readonly List<(Func<string, StepState, bool> Match, TaskCompletionSource Done)> _steps = [];
    private readonly List<(Func<ExecutionState, bool> Match, TaskCompletionSource<ExecutionState> Done)> _executions = [];

    /// <summary>Completes when step <paramref name="stepId"/> (of any execution) is recorded in <paramref name="status"/>.</summary>
    public Task WhenStep(string stepId, StepStatus status)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _steps.Add(((_, s) => s.Id == stepId && s.Status == status, done));
        }

        return done.Task.WaitAsync(Limit);
    }

    /// <summary>Completes with the first execution state that matches.</summary>
    public Task<ExecutionState> WhenExecution(Func<ExecutionState, bool> match)
    {
        var done = new TaskCompletionSource<ExecutionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _executions.Add((match, done));
        }

        return done.Task.WaitAsync(Limit);
    }

    public void StepChanged(string executionId, StepState step)
    {
        lock (_lock)
        {
            _steps.Where(w => w.Match(executionId, step)).ToList().ForEach(w => w.Done.TrySetResult());
        }
    }

    public void ExecutionChanged(ExecutionState state)
    {
        lock (_lock)
        {
            _executions.Where(w => w.Match(state)).ToList().ForEach(w => w.Done.TrySetResult(state));
        }
    }
}
