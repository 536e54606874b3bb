using System.Text;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A pure step's end (<c>set</c>, <c>assert</c>, <c>log</c>) rides the execution's next commit instead of a commit of its
/// own, but never past a write that acts on the world, never past the drive's wait for a step that is not pure, nor past
/// <see cref="HistoryRecorder.MaxHeldSteps"/> steps. The observer is told of it only once it is committed. (A kill -9 in
/// the middle of a chain of pure steps: <c>PureStepCrashTests</c> in the Server tests.)
/// </summary>
public sealed class PureStepCommitTests
{
    [Fact]
    public async Task RunAsync_ChainOfPureSteps_CommitsThemTogetherAndRecordsEveryOne()
    {
        const int count = 100;
        await using var harness = await EngineHarness.StartAsync();
        var seen = new CommitsAtStepChanges(harness.Engine.History);

        var state = await harness.RunAsync(Chain(count), observer: seen);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(count, seen.Changes.Count(c => c.Status == StepStatus.Completed));

        // Each step is told after the commit that carried it: a commit for each 33 (32 held, the 33rd commits them), the
        // last with the execution's end.
        var commits = seen.Changes.Select(c => c.Commits).Distinct().Count();
        Assert.InRange(commits, (count + HistoryRecorder.MaxHeldSteps) / (HistoryRecorder.MaxHeldSteps + 1), count / 10);

        var stored = await harness.Engine.History.GetStepStatesAsync(state.ExecutionId, default);
        Assert.Equal(count, stored.Count(s => s.Status == StepStatus.Completed && s.Attempts == 1));
        var attempts = await harness.AttemptsAsync(state.ExecutionId);
        Assert.Equal(count, attempts.Count(a => a.Status == StepStatus.Completed));
    }

    [Fact]
    public async Task RunAsync_IndependentPureSteps_RunSideBySideAndAreCommittedTogetherToo()
    {
        const int count = 64;
        await using var harness = await EngineHarness.StartAsync();
        var seen = new CommitsAtStepChanges(harness.Engine.History);

        var state = await harness.RunAsync(Chain(count, independent: true), observer: seen);

        // The drive waits for its pure steps without committing first: they never wait long without writing.
        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(count, seen.Changes.Count(c => c.Status == StepStatus.Completed));
        Assert.InRange(seen.Changes.Select(c => c.Commits).Distinct().Count(), 2, count / 8);
        var stored = await harness.Engine.History.GetStepStatesAsync(state.ExecutionId, default);
        Assert.Equal(count, stored.Count(s => s.Status == StepStatus.Completed && s.Attempts == 1));
    }

    [Fact]
    public async Task RunAsync_PureStepThenShellStep_ThePureStepIsCommittedBeforeTheProcessStarts()
    {
        await using var harness = await EngineHarness.StartAsync();
        var seen = new CommitsAtStepChanges(harness.Engine.History) { ReadAt = ("work", StepStatus.Running) };

        var state = await harness.RunAsync("""
            id: pure-then-shell
            name: Pure then shell
            version: 1.0.0
            steps:
              - id: note
                action: set
                with: { a: 1 }
              - id: work
                needs: [note]
                action: shell
                with: { command: [/bin/true] }
            """, observer: seen);

        Assert.Equal(ExecutionStatus.Completed, state.Status);

        // Told of 'work' running once that is committed, and before its process starts: 'note' was committed with it.
        Assert.NotNull(seen.StoredThen);
        Assert.Equal(StepStatus.Completed, seen.StoredThen["note"]);
    }

    [Fact]
    public async Task RunAsync_PureStepBesideARunningShellStep_IsCommittedWhileTheOtherRuns()
    {
        await using var harness = await EngineHarness.StartAsync();
        var seen = new CommitsAtStepChanges(harness.Engine.History) { ReadAt = ("quick", StepStatus.Completed) };

        var state = await harness.RunAsync("""
            id: pure-beside-shell
            name: Pure beside shell
            version: 1.0.0
            steps:
              - id: slow
                action: shell
                with: { command: [/bin/sleep, "1"] }
              - id: quick
                action: set
                with: { a: 1 }
            """, observer: seen);

        Assert.Equal(ExecutionStatus.Completed, state.Status);

        // The drive committed 'quick' before it waited for 'slow', not with 'slow''s end a second later.
        var stored = seen.StoredThen;
        Assert.NotNull(stored);
        Assert.Equal(StepStatus.Completed, stored["quick"]);
        Assert.True(!stored.TryGetValue("slow", out var slow) || slow is StepStatus.Pending or StepStatus.Running, $"'slow' stood {slow} when 'quick' was told committed");
    }

    /// <summary>Pure steps, alternately <c>set</c> and <c>log</c>: a chain, or all independent (run four at a time).</summary>
    private static string Chain(int count, bool independent = false)
    {
        var yaml = new StringBuilder("id: pure-chain\nname: Pure chain\nversion: 1.0.0\nsteps:\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append("  - id: s").Append(i).Append('\n');
            if (i > 0 && !independent)
            {
                yaml.Append("    needs: [s").Append(i - 1).Append("]\n");
            }

            yaml.Append(i % 2 == 0 ? "    action: set\n    with: { n: " + i + " }\n" : "    action: log\n    with: { message: \"step " + i + "\" }\n");
        }

        return yaml.ToString();
    }

    /// <summary>
    /// The writer's committed transactions each time a step changed, and (once, at <see cref="ReadAt"/>) what the history
    /// held at that moment, read from the database while the run waits for its observer.
    /// </summary>
    private sealed class CommitsAtStepChanges(HistoryStore history) : IExecutionObserver
    {
        public List<(string Step, StepStatus Status, long Commits)> Changes { get; } = [];

        public (string Step, StepStatus Status)? ReadAt { get; init; }

        public Dictionary<string, StepStatus>? StoredThen { get; private set; }

        public void StepChanged(string executionId, StepState step)
        {
            lock (Changes)
            {
                Changes.Add((step.Id, step.Status, history.CommittedTransactions));
            }

            if (ReadAt == (step.Id, step.Status))
            {
                // SQLite's reads complete synchronously: this reads the file as it stands now.
                var stored = history.GetStepStatesAsync(executionId, default).GetAwaiter().GetResult();
                StoredThen = stored.ToDictionary(s => s.StepId, s => s.Status);
            }
        }
    }
}
