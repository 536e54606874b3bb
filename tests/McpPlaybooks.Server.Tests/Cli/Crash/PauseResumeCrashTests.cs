using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
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
        var points = await KillPointSweep.RunAsync(async n =>
        {
            using var directory = new TempDirectory();
            var scenario = new CrashScenario(KillPoints.Cli(directory.Path), CrashPlaybook.Transitions, directory.Path);
            var cli = KillPoints.Cli(directory.Path);
            var database = Path.Combine(scenario.DataDirectory, "history.db");
            string[] where = ["--data-dir", scenario.DataDirectory, "--json"];
            var violations = new List<string>();

            var run = await cli(scenario.RunArguments, CrashScenario.Environment(null));
            Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}, not parked at its gate: {run.Error}");
            var id = StateDocument.Parse(run.Out).ExecutionId;

            var pause = await cli(["control", id, "pause", .. where], CrashScenario.Environment(n));
            Check(database, id, "pause", pause, violations);
            if (Status(database, id) != "paused")
            {
                var again = await cli(["control", id, "pause", .. where], CrashScenario.Environment(null));
                Assert.True(Status(database, id) == "paused", $"pause after a kill after {n} commits exited {again.ExitCode}: {again.Error}");
            }

            var resume = await cli(["control", id, "resume", .. where], CrashScenario.Environment(n));
            Check(database, id, "resume", resume, violations);
            if (Status(database, id) is "paused" or "running")
            {
                // Still paused: resumed again. Running, its process killed before it was back at its gate: taken over.
                var again = await cli(Status(database, id) == "paused" ? ["control", id, "resume", .. where] : ["resume", .. where], CrashScenario.Environment(null));
                Assert.True(Status(database, id) == "waiting_approval", $"after a kill after {n} commits, {again.ExitCode}: {again.Out} {again.Error}");
            }

            var killed = pause.ExitCode == CrashScenario.KilledExitCode || resume.ExitCode == CrashScenario.KilledExitCode;
            var outcome = new CrashOutcome
            {
                Kills = (pause.ExitCode == CrashScenario.KilledExitCode ? 1 : 0) + (resume.ExitCode == CrashScenario.KilledExitCode ? 1 : 0),
                Started = true,
                Finished = Status(database, id) == "waiting_approval",
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
    private static void Check(string database, string id, string action, CliCallResult call, List<string> violations)
    {
        var latest = Scalar(database, "SELECT action FROM audit WHERE subject_id = $id AND action IN ('pause', 'resume') ORDER BY id DESC LIMIT 1", id);
        var status = Status(database, id);
        var paused = status == "paused";
        if ((latest == "pause") != paused)
        {
            violations.Add($"{action} exited {call.ExitCode}: the audit's latest is {latest ?? "neither"}, the execution is {status}");
        }
    }

    private static string? Status(string database, string id) => Scalar(database, "SELECT status FROM executions WHERE id = $id", id);

    private static string? Scalar(string database, string sql, string id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as string;
    }
}
