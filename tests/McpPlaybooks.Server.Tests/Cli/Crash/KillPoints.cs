using System.Collections.Concurrent;
using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// Runs a crash scenario for kill points N = 1, 2, ... (two at a time, each in its own directory) until one is not
/// killed, because N is beyond the commits of the process being killed; then checks every outcome.
/// </summary>
internal static class KillPoints
{
    /// <summary>Far more commits than either process makes: the loop ends long before.</summary>
    private const int Max = 40;

    /// <summary>
    /// <paramref name="scenario"/> gets the kill point, the scenario and the <c>run</c> arguments' directory; it returns
    /// whether its process was killed, and the outcome.
    /// </summary>
    public static async Task<IReadOnlyList<CrashOutcome>> RunAsync(ITestOutputHelper output, Func<int, CrashScenario, string, Task<(bool Killed, CrashOutcome Outcome)>> scenario)
    {
        var outcomes = new ConcurrentDictionary<int, CrashOutcome>();
        var unkilledAt = Max + 1;
        await Parallel.ForEachAsync(Enumerable.Range(1, Max), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (n, _) =>
        {
            if (n > Volatile.Read(ref unkilledAt))
            {
                return;
            }

            using var directory = new TempDirectory();
            var (killed, outcome) = await scenario(n, new CrashScenario(Cli(directory.Path), CrashPlaybook.Transitions, directory.Path), directory.Path);
            outcomes[n] = outcome;
            if (!killed)
            {
                InterlockedMin(ref unkilledAt, n);
            }
        });

        var ordered = outcomes.Where(pair => pair.Key <= unkilledAt).OrderBy(pair => pair.Key).ToList();
        foreach (var (n, outcome) in ordered)
        {
            output.WriteLine($"kill after {n}: {outcome.ToString().Split('\n')[0]}");
        }

        var total = ordered.Select(pair => pair.Value).ToList();
        output.WriteLine($"kills {total.Sum(o => o.Kills)}, resumed {total.Sum(o => o.Resumed)}, re-run {total.Sum(o => o.Rerun)}, interrupted {total.Sum(o => o.Interrupted)}, duplicates {total.Sum(o => o.Duplicates)}, finished {total.Count(o => o.Finished)}");
        var failures = ordered.Where(pair => pair.Value.Violations.Count > 0).Select(pair => $"kill after {pair.Key} commits: {pair.Value}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(unkilledAt <= Max, $"every process up to a kill after {Max} commits was killed");
        Assert.All(ordered.Where(pair => pair.Value.Started), pair => Assert.True(pair.Value.Finished, $"kill after {pair.Key}: {pair.Value}"));
        Assert.Equal(0, total.Sum(o => o.Duplicates));
        return total;
    }

    /// <summary>The built server as a child process in <paramref name="directory"/>.</summary>
    public static CliCall Cli(string directory) =>
        async (args, environment) =>
        {
            var result = await CliProcess.RunAsync(args, directory, environment);
            return new CliCallResult(result.ExitCode, result.Out, result.Error);
        };

    private static void InterlockedMin(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value < current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
