using McpPlaybooks.Benchmarks.Crash;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// Crash tests of <c>control pause</c> and <c>control resume</c> on an execution parked at its gate: each killed right after
/// its Nth history commit, for every N until neither is killed. After every kill the audit and the execution must agree:
/// the audit names a pause (or a resume) as the latest of the two only when the execution is paused (or no longer
/// paused). A request the audit records did happen; one it does not record did not. Reads the data directory's SQLite
/// file.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class PauseResumeCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PauseAndResume_KilledAfterEveryCommit_TheAuditSaysWhatTheExecutionIs()
    {
        using var template = await ParkedAtGate.RunAsync();
        var points = await KillPointSweep.RunAsync(async n =>
        {
            using var parked = template.Copy();
            var violations = new List<string>();

            var pause = await parked.ControlAsync("pause", n);
            Check(parked, "pause", pause, violations);
            if (parked.Status != "paused")
            {
                var again = await parked.ControlAsync("pause", null);
                Assert.True(parked.Status == "paused", $"pause after a kill after {n} commits exited {again.ExitCode}: {again.Error}");
            }

            var resume = await parked.ControlAsync("resume", n);
            Check(parked, "resume", resume, violations);
            if (parked.Status is "paused" or "running")
            {
                // Still paused: resumed again. Running, its process killed before it was back at its gate: taken over.
                var again = parked.Status == "paused"
                    ? await parked.ControlAsync("resume", null)
                    : await parked.Cli(["resume", .. parked.Where], CrashScenario.Environment(null));
                Assert.True(parked.Status == "waiting_approval", $"after a kill after {n} commits, {again.ExitCode}: {again.Out} {again.Error}");
            }

            var killed = pause.ExitCode == CrashScenario.KilledExitCode || resume.ExitCode == CrashScenario.KilledExitCode;
            var outcome = new CrashOutcome
            {
                Kills = (pause.ExitCode == CrashScenario.KilledExitCode ? 1 : 0) + (resume.ExitCode == CrashScenario.KilledExitCode ? 1 : 0),
                Started = true,
                Finished = parked.Status == "waiting_approval",
                Violations = violations,
            };
            return (killed, outcome);
        });

        foreach (var (n, _, outcome) in points)
        {
            output.WriteLine($"kill after {n}: {outcome.Kills} kills, {(outcome.Violations.Count == 0 ? "agreed" : string.Join("; ", outcome.Violations))}");
        }

        Assert.Empty(points.SelectMany(point => point.Outcome.Violations.Select(v => $"kill after {point.N} commits: {v}")));
        Assert.All(points, point => Assert.True(point.Outcome.Finished, $"kill after {point.N}: not back at its gate"));
        Assert.True(points[0].Outcome.Kills == 2, "a kill after the first commit killed neither pause nor resume, or only one");
    }

    /// <summary>After <paramref name="call"/> (killed or not), the latest of pause and resume in the audit matches the status.</summary>
    private static void Check(ParkedAtGate parked, string action, CliCallResult call, List<string> violations)
    {
        var latest = HistoryFile.Scalar(parked.Database, "SELECT action FROM audit WHERE subject_id = $id AND action IN ('pause', 'resume') ORDER BY id DESC LIMIT 1", parked.ExecutionId);
        var status = parked.Status;
        if ((latest == "pause") != (status == "paused"))
        {
            violations.Add($"{action} exited {call.ExitCode}: the audit's latest is {latest ?? "neither"}, the execution is {status}");
        }
    }
}
