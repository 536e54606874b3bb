using System.Globalization;
using McpPlaybooks.Benchmarks.Crash;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// Crash tests of <c>control rollback</c> on an execution a person cancelled at its gate (its <c>finally</c> ran then): the
/// rollback is killed right after its Nth history commit, for every N until it is not killed; then a new process finishes
/// it (<c>resume</c> when it is rolling back, <c>control rollback</c> again when it is not). After every kill the audit
/// records a rollback only when the execution is rolling back or rolled back; in the end each mark's rollback has run
/// once (one whose end was committed is not run again), the execution is <c>rolled_back</c> with the cancel's error still
/// its own, and <c>finally</c> has not run again. Reads the data directory's SQLite file.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class RollbackCrashTests(ITestOutputHelper output)
{
    private static readonly string[] Marks = ["undo-a", "undo-b", "tidy"];

    [Fact]
    public async Task Rollback_KilledAfterEveryCommit_IsRecordedOnlyWhenUnderWayAndRunsEachCallOnce()
    {
        using var template = await ParkedAtGate.RunAsync(CrashPlaybook.Undos);
        var cancel = await template.ControlAsync("cancel", null);
        Assert.True(template.Status == "cancelled", $"cancel exited {cancel.ExitCode}: {cancel.Error}");
        var cancelError = Error(template);
        var points = await KillPointSweep.RunAsync(async n =>
        {
            using var ended = template.Copy();
            var violations = new List<string>();

            var rollback = await ended.ControlAsync("rollback", n);
            var killed = rollback.ExitCode == CrashScenario.KilledExitCode;
            var asked = Rollbacks(ended) > 0;
            var status = ended.Status;
            if (asked == (status == "cancelled"))
            {
                violations.Add($"rollback exited {rollback.ExitCode}: the audit {(asked ? "records" : "does not record")} a rollback, the execution is {status}");
            }

            var finish = status == "cancelled"
                ? await ended.ControlAsync("rollback", null)
                : await ended.Cli(["resume", .. ended.Where], CrashScenario.Environment(null));
            var ran = Marks.ToDictionary(mark => mark, mark => CrashPlaybook.Count(ended.Directory, mark));
            if (ended.Status != "rolled_back")
            {
                violations.Add($"after a kill, {(status == "cancelled" ? "rollback" : "resume")} exited {finish.ExitCode}: the execution is {ended.Status}: {finish.Error}");
            }

            if (Error(ended) != cancelError)
            {
                violations.Add($"its error is no longer the cancel's: {Error(ended)}");
            }

            if (ran["tidy"] != 0)
            {
                violations.Add($"finally ran again ({ran["tidy"]} times)");
            }

            violations.AddRange(Marks[..2].Where(mark => ran[mark] != 1).Select(mark => $"{mark} ran {ran[mark]} times"));
            var outcome = new CrashOutcome { Kills = killed ? 1 : 0, Started = true, Finished = ended.Status == "rolled_back", Violations = violations };
            return (killed, outcome);
        });

        foreach (var (n, _, outcome) in points)
        {
            output.WriteLine($"kill after {n}: {(outcome.Kills == 1 ? "killed" : "not killed")}, {(outcome.Violations.Count == 0 ? "as recorded" : string.Join("; ", outcome.Violations))}");
        }

        Assert.Empty(points.SelectMany(point => point.Outcome.Violations.Select(v => $"kill after {point.N} commits: {v}")));
        Assert.True(points.Count(point => point.Killed) >= 4, $"only {points.Count(point => point.Killed)} kills of rollback");
    }

    /// <summary>The rollback requests in the audit.</summary>
    private static int Rollbacks(ParkedAtGate ended) => int.Parse(
        HistoryFile.Scalar(ended.Database, "SELECT CAST(count(*) AS TEXT) FROM audit WHERE subject_id = $id AND action = 'rollback'", ended.ExecutionId) ?? "0",
        CultureInfo.InvariantCulture);

    private static string? Error(ParkedAtGate execution) =>
        HistoryFile.Scalar(execution.Database, "SELECT error_message FROM executions WHERE id = $id", execution.ExecutionId);
}
