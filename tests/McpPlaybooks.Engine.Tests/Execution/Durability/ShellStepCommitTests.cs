using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// The per-step path of a shell step: its attempt is committed running (with the step) before the process starts, and its
/// end with the step's state; nothing is committed while the process runs (a takeover finds it by its marker instead,
/// <see cref="TakeoverProcessTests"/>).
/// </summary>
public sealed class ShellStepCommitTests
{
    [Fact]
    public async Task RunAsync_ShellStep_OneCommitFromRunningToCompleted()
    {
        await using var harness = await EngineHarness.StartAsync();
        var commits = new CommitsAtStepChanges(harness.Engine.History);

        var state = await harness.RunAsync("""
            id: shell-commits
            name: Shell commits
            version: 1.0.0
            steps:
              - id: work
                action: shell
                with: { command: [/bin/true] }
            """, observer: commits);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal([StepStatus.Running, StepStatus.Completed], commits.Seen.Select(s => s.Status));
        Assert.Equal(1, commits.Seen[1].Commits - commits.Seen[0].Commits);
    }

    /// <summary>The writer's committed transactions each time the step changed (told after its commit, before the run goes on).</summary>
    private sealed class CommitsAtStepChanges(HistoryStore history) : IExecutionObserver
    {
        public List<(StepStatus Status, long Commits)> Seen { get; } = [];

        public void StepChanged(string executionId, StepState step) => Seen.Add((step.Status, history.CommittedTransactions));
    }
}
