using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>
/// Holds an execution's history writer once step <paramref name="stepId"/> is recorded completed: observers are told under
/// it, so every later write of that execution (a request's audit entry too) waits until <see cref="Release"/>.
/// </summary>
internal sealed class HeldHistoryWriter(string stepId) : IExecutionObserver, IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource<string> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release = new();

    /// <summary>The execution's id, once its writer is held.</summary>
    public Task<string> Held => _held.Task.WaitAsync(Limit);

    public void Release() => _release.Set();

    public void StepChanged(string executionId, StepState step)
    {
        if (step.Id == stepId && step.Status == StepStatus.Completed && _held.TrySetResult(executionId))
        {
            // Blocks the engine's task on purpose; a real 30 s bound only keeps a broken test from hanging.
            _release.Wait(Limit);
        }
    }

    public void Dispose() => _release.Dispose();
}
