using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// Crash tests with real child processes killed by SIGKILL: the built server runs the crash playbook and kills itself
/// right after its Nth history commit (the test hook), for every N until the run gets to its gate unkilled. A new
/// process then resumes on the same history, and the execution is driven to completion through
/// <c>control retry_step|skip_step</c> and <c>approve</c>. The <c>crash</c> benchmark runs the same scenario hundreds of
/// times. The history is the data directory's SQLite file, or a PostgreSQL database (<see cref="CrashOnPostgresFactAttribute"/>).
/// </summary>
[Trait("Requires", "Engine")]
public sealed class CrashResumeTests(ITestOutputHelper output)
{
    [Fact]
    public Task Run_KilledAfterEveryCommit_ResumesAndCompletesWithoutRunningACompletedStepTwice() => KilledAfterEveryCommitAsync(postgres: false);

    [CrashOnPostgresFact]
    public Task Run_KilledAfterEveryCommitOnPostgres_ResumesAndCompletesWithoutRunningACompletedStepTwice() => KilledAfterEveryCommitAsync(postgres: true);

    private async Task KilledAfterEveryCommitAsync(bool postgres)
    {
        var outcomes = await KillPoints.RunAsync(output, async (n, scenario, directory) =>
        {
            var run = await ChildProcessRun.RunAsync(BuiltServer.Path, directory, scenario.RunArguments, CrashScenario.Environment(n, scenario.Store));
            var killed = run.ExitCode == CrashScenario.KilledExitCode;

            // Not killed means beyond the run's commits: it parked at its gate, as without the hook.
            Assert.True(killed || run.ExitCode == 3, $"run with a kill after {n} commits exited {run.ExitCode}, neither killed (137) nor parked (3): {run.Error}");
            var outcome = await scenario.FinishAsync(run, killDecisionAfter: null, skipInterrupted: n % 4 == 0);
            return (killed, outcome);
        }, postgres);

        Assert.True(outcomes.Sum(o => o.Kills) >= 8, $"only {outcomes.Sum(o => o.Kills)} kills");
        Assert.True(outcomes.Sum(o => o.Interrupted) >= 2, $"only {outcomes.Sum(o => o.Interrupted)} interrupted steps: the kills missed the shell steps");
        Assert.True(outcomes.Sum(o => o.Rerun) >= 1, "no idempotent step was re-run: the kills missed the wait step");
    }
}
