using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// Crash tests of a control action: the run is killed while a step that is not idempotent runs, so <c>resume</c> leaves
/// it <c>interrupted</c>; then <c>control retry_step</c> kills itself right after its Nth history commit, for every N
/// until it gets the execution to its gate unkilled. A new process resumes; the step must have run once per retry asked
/// for at most, and the execution must complete. On the data directory's SQLite file, or a PostgreSQL database
/// (<see cref="CrashOnPostgresFactAttribute"/>).
/// </summary>
[Trait("Requires", "Engine")]
public sealed class ControlCrashTests(ITestOutputHelper output)
{
    /// <summary>The run's kill that leaves a step interrupted: its second commit records the first marking step as started.</summary>
    private const int InterruptingKill = 2;

    [Fact]
    public Task RetryStep_KilledAfterEveryCommit_RunsTheStepOncePerRetryAndCompletes() => KilledAfterEveryCommitAsync(postgres: false);

    [CrashOnPostgresFact]
    public Task RetryStep_KilledAfterEveryCommitOnPostgres_RunsTheStepOncePerRetryAndCompletes() => KilledAfterEveryCommitAsync(postgres: true);

    private async Task KilledAfterEveryCommitAsync(bool postgres)
    {
        var outcomes = await KillPoints.RunAsync(output, async (n, scenario, directory) =>
        {
            var run = await ChildProcessRun.RunAsync(BuiltServer.Path, directory, scenario.RunArguments, CrashScenario.Environment(InterruptingKill, scenario.Store));
            Assert.True(run.ExitCode == CrashScenario.KilledExitCode, $"run with a kill after {InterruptingKill} commits exited {run.ExitCode}, not killed: {run.Error}");
            var outcome = await scenario.FinishAsync(run, killDecisionAfter: null, skipInterrupted: false, killControlAfter: n);
            Assert.True(outcome.Interrupted >= 1, $"the run's kill after {InterruptingKill} commits interrupted no step, so no control ran: {outcome}");

            // The run's kill is one; the control's is another.
            return (outcome.Kills > 1, outcome);
        }, postgres);

        Assert.True(outcomes.Sum(o => o.Kills) - outcomes.Count >= 2, $"only {outcomes.Sum(o => o.Kills) - outcomes.Count} kills of control");
    }
}
