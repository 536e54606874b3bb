using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary>Hears the engine until a step with the given id is running: a test pauses after that, not before the step starts.</summary>
internal sealed class StepRunning(string stepId) : IExecutionObserver
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public void StepChanged(string executionId, StepState step)
    {
        if (step.Id == stepId && step.Status == StepStatus.Running)
        {
            _started.TrySetResult();
        }
    }
}
