using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// A kill -9 in the middle of a chain of pure steps, whose ends are held for a later commit (up to 32 at a time): the
/// ends the process held are lost with it, and a new process runs those steps again, alike, so the history ends with
/// every step completed once and the value the chain carries intact.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class PureStepCrashTests(ITestOutputHelper output)
{
    private const int Steps = 3000;

    [Fact]
    public async Task Run_KilledAmongPureSteps_ResumesRunsTheLostOnesAgainAndRecordsEachOnce()
    {
        using var directory = new TempDirectory();
        var playbook = CrashPlaybook.PureChain(Steps);
        var scenario = new CrashScenario(KillPoints.Cli(directory.Path), playbook, directory.Path);
        var database = Path.Combine(scenario.DataDirectory, "history.db");

        // Killed as soon as the chain's first commit is seen: the steps after it are running, their ends held.
        var run = await ChildProcessRun.RunAsync(BuiltServer.Path, directory.Path, scenario.RunArguments, CrashScenario.Environment(null),
            () => WaitForAsync(database, "SELECT count(*) FROM step_states WHERE step_id LIKE 'pass-%' AND status = 'completed'", 1));
        var committedAtKill = Count(database, "SELECT count(*) FROM step_states WHERE step_id LIKE 'pass-%' AND status = 'completed'");
        output.WriteLine($"run exited {run.ExitCode}; pure steps committed when it was killed: {committedAtKill} of {Steps}");
        Assert.Equal(CrashScenario.KilledExitCode, run.ExitCode);
        Assert.InRange(committedAtKill, 1, Steps - 1);

        var outcome = await scenario.FinishAsync(run, killDecisionAfter: null, skipInterrupted: false);

        output.WriteLine(outcome.ToString());
        Assert.Empty(outcome.Violations);
        Assert.True(outcome.Finished, outcome.ToString());
        Assert.Equal(1, outcome.Resumed);
        Assert.Equal(["carried"], File.ReadAllLines(Path.Combine(directory.Path, "mark-b")));
        Assert.Equal(Steps, Count(database, "SELECT count(*) FROM step_states WHERE step_id LIKE 'pass-%' AND status = 'completed' AND attempts = 1"));
        Assert.Equal(Steps, Count(database, "SELECT count(*) FROM step_attempts WHERE step_id LIKE 'pass-%'"));
    }

    private static async Task WaitForAsync(string database, string sql, int atLeast)
    {
        var deadline = DateTime.UtcNow + CliProcess.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(database) && TryCount(database, sql) >= atLeast)
            {
                return;
            }

            await Task.Delay(2);
        }

        throw new TimeoutException($"'{sql}' did not reach {atLeast} in {database}");
    }

    private static long TryCount(string database, string sql)
    {
        try
        {
            return Count(database, sql);
        }
        catch (SqliteException)
        {
            // The file exists before its tables do.
            return 0;
        }
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
