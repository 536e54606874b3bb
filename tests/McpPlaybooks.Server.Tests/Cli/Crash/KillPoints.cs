using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using McpPlaybooks.Server.Tests.Cli.History;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// Runs a crash scenario for kill points N = 1, 2, ... (two at a time, each in its own directory, and on PostgreSQL in its
/// own schema) until one is not killed, because N is beyond the commits of the process being killed; then checks every
/// outcome.
/// </summary>
internal static class KillPoints
{
    /// <summary>
    /// <paramref name="scenario"/> gets the kill point, the scenario and the <c>run</c> arguments' directory; it returns
    /// whether its process was killed, and the outcome. The history is the data directory's SQLite file, or with
    /// <paramref name="postgres"/> a schema of the tests' PostgreSQL server.
    /// </summary>
    public static async Task<IReadOnlyList<CrashOutcome>> RunAsync(ITestOutputHelper output, Func<int, CrashScenario, string, Task<(bool Killed, CrashOutcome Outcome)>> scenario, bool postgres = false)
    {
        var ordered = await KillPointSweep.RunAsync(async n =>
        {
            using var directory = new TempDirectory();
            await using var schema = postgres ? await PostgresServer.CreateSchemaAsync() : null;
            var store = schema is null ? CrashStore.Sqlite : Store(new PostgresCliDatabase(schema));
            return await scenario(n, new CrashScenario(Cli(directory.Path), CrashPlaybook.Transitions, directory.Path, store), directory.Path);
        });
        foreach (var (n, _, outcome) in ordered)
        {
            output.WriteLine($"kill after {n}: {outcome.ToString().Split('\n')[0]}");
        }

        var total = ordered.Select(point => point.Outcome).ToList();
        output.WriteLine($"kills {total.Sum(o => o.Kills)}, resumed {total.Sum(o => o.Resumed)}, re-run {total.Sum(o => o.Rerun)}, interrupted {total.Sum(o => o.Interrupted)}, duplicates {total.Sum(o => o.Duplicates)}, finished {total.Count(o => o.Finished)}");
        var failures = ordered.Where(point => point.Outcome.Violations.Count > 0).Select(point => $"kill after {point.N} commits: {point.Outcome}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(ordered.Any(point => !point.Killed), $"every process up to a kill after {KillPointSweep.Max} commits was killed");
        Assert.All(ordered.Where(point => point.Outcome.Started), point => Assert.True(point.Outcome.Finished, $"kill after {point.N}: {point.Outcome}"));
        Assert.Equal(0, total.Sum(o => o.Duplicates));
        return total;
    }

    private static CrashStore Store(PostgresCliDatabase database) => CrashStore.Postgres(database.Connection, database.Password);

    /// <summary>The built server as a child process in <paramref name="directory"/>.</summary>
    public static CliCall Cli(string directory) =>
        (args, environment) => ChildProcessRun.RunAsync(BuiltServer.Path, directory, args, environment);
}
