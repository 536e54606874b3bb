using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// Crash tests of a decision: the run parks at its gate, then <c>approve</c> kills itself right after its Nth history
/// commit, for every N until it completes the execution unkilled. A new process resumes; the decision, when it was
/// recorded, must be kept (the gate passed, not asked again), and the execution must complete with the gate decided
/// exactly once. On the data directory's SQLite file, or a PostgreSQL database (<see cref="CrashOnPostgresFactAttribute"/>).
/// </summary>
[Trait("Requires", "Engine")]
public sealed class ApproveCrashTests(ITestOutputHelper output)
{
    [Fact]
    public Task Approve_KilledAfterEveryCommit_KeepsTheDecisionAndCompletes() => KilledAfterEveryCommitAsync(postgres: false);

    [CrashOnPostgresFact]
    public Task Approve_KilledAfterEveryCommitOnPostgres_KeepsTheDecisionAndCompletes() => KilledAfterEveryCommitAsync(postgres: true);

    private async Task KilledAfterEveryCommitAsync(bool postgres)
    {
        var outcomes = await KillPoints.RunAsync(output, async (n, scenario, directory) =>
        {
            var run = await ChildProcessRun.RunAsync(BuiltServer.Path, directory, scenario.RunArguments, CrashScenario.Environment(null, scenario.Store));
            Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}, not parked at its gate: {run.Error}");
            var outcome = await scenario.FinishAsync(run, killDecisionAfter: n, skipInterrupted: false);
            return (outcome.Kills > 0, outcome);
        }, postgres);

        Assert.True(outcomes.Sum(o => o.Kills) >= 4, $"only {outcomes.Sum(o => o.Kills)} kills");
    }
}
