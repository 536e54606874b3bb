using McpPlaybooks.Benchmarks.Crash;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// Crash tests of <c>control cancel</c> on an execution parked at its gate: the cancel is killed right after its Nth history
/// commit, for every N until it is not killed; then <c>resume</c> runs in a new process. A cancel the audit records is
/// carried out: the execution ends <c>cancelled</c>, and the step behind the gate never runs. Reads the data directory's
/// SQLite file.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class CancelCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Cancel_KilledAfterEveryCommit_EndsCancelledOnceResumed()
    {
        using var template = await ParkedAtGate.RunAsync();
        var points = await KillPointSweep.RunAsync(async n =>
        {
            using var parked = template.Copy();
            var violations = new List<string>();

            var cancel = await parked.ControlAsync("cancel", n);
            var killed = cancel.ExitCode == CrashScenario.KilledExitCode;
            var asked = Cancels(parked) > 0;
            var resume = await parked.Cli(["resume", .. parked.Where], CrashScenario.Environment(null));
            var status = parked.Status;
            if (asked && status != "cancelled")
            {
                violations.Add($"cancel exited {cancel.ExitCode} with its request recorded; after resume (exit {resume.ExitCode}) the execution is {status}");
            }

            if (!asked && status != "waiting_approval")
            {
                violations.Add($"cancel exited {cancel.ExitCode} with no request recorded; after resume the execution is {status}, not back at its gate");
            }

            if (File.Exists(Path.Combine(parked.Marks, "mark-c")))
            {
                violations.Add("mark-c, behind the gate, ran");
            }

            var outcome = new CrashOutcome { Kills = killed ? 1 : 0, Started = true, Finished = status == "cancelled", Violations = violations };
            return (killed, outcome);
        });

        foreach (var (n, _, outcome) in points)
        {
            output.WriteLine($"kill after {n}: {(outcome.Kills == 1 ? "killed" : "not killed")}, {(outcome.Violations.Count == 0 ? "as recorded" : string.Join("; ", outcome.Violations))}");
        }

        Assert.Empty(points.SelectMany(point => point.Outcome.Violations.Select(v => $"kill after {point.N} commits: {v}")));
        Assert.True(points.Count(point => point.Killed) >= 2, $"only {points.Count(point => point.Killed)} kills of cancel");
        Assert.True(points[^1].Outcome.Finished, "the cancel that was not killed did not end the execution cancelled");
    }

    /// <summary>The cancel requests in the audit.</summary>
    private static int Cancels(ParkedAtGate parked) => int.Parse(
        HistoryFile.Scalar(parked.Database, "SELECT CAST(count(*) AS TEXT) FROM audit WHERE subject_id = $id AND action = 'cancel'", parked.ExecutionId) ?? "0",
        System.Globalization.CultureInfo.InvariantCulture);
}
