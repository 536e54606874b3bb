using System.Diagnostics;
using System.Globalization;
using McpPlaybooks.Benchmarks.ScaleOut;
using Npgsql;

namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>
/// <c>crash [KILLS]</c>: kills the built server (Release) with SIGKILL at least KILLS times (default 200) and recovers each
/// time through the command line, as the Server's crash tests do once: the test hook's kill after every history commit
/// of a run and of an <c>approve</c> (every state transition of the crash playbook), and kills from outside at random
/// moments while a chain of <c>sleep 0.05</c> shell steps runs, and among a chain of 3,000 pure steps (whose ends are held
/// for a later commit). Each execution is resumed and driven to its end (retry_step for interrupted steps). Prints the
/// tally: kills, executions resumed, steps re-run, steps interrupted, duplicates (a step run more often than allowed: must
/// be 0), runs finished. With <c>MCPPLAYBOOKS_TEST_DATABASE</c> holding a PostgreSQL connection string (Npgsql's
/// <c>Host=...</c> form), every scenario's history is a fresh schema of that database, dropped after it.
/// </summary>
internal static class CrashRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var wanted = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var server = BuiltServer.Path();
        var database = Environment.GetEnvironmentVariable("MCPPLAYBOOKS_TEST_DATABASE") is { Length: > 0 } named ? named : null;
        var random = new Random(20260504);
        var outcomes = new List<(string Kind, CrashOutcome Outcome)>();
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"crash: at least {wanted} SIGKILLs of {server}, on {(database is null ? "SQLite (a file per scenario)" : "PostgreSQL (a schema per scenario)")}");
        for (var cycle = 1; outcomes.Sum(o => o.Outcome.Kills) < wanted; cycle++)
        {
            // Every transition once: the hook's kill after commit N of the run (and of the first approve), N = 1, 2, ...
            var sweep = await KillPointSweep.RunAsync(n => Transition(server, database, n, cycle));
            outcomes.AddRange(sweep.Select(point => ("transition", point.Outcome)));

            // Kills from outside, at random moments while the steps run: 0 to 300 ms after the first step left its mark.
            var delays = Enumerable.Range(0, 16).Select(_ => TimeSpan.FromMilliseconds(random.Next(300))).ToList();
            for (var i = 0; i < delays.Count; i += 2)
            {
                var pair = await Task.WhenAll(Outside(server, database, delays[i], cycle), Outside(server, database, delays[i + 1], cycle));
                outcomes.AddRange(pair.Select(p => ("outside", p)));
            }

            // Kills among pure steps, whose ends are held for a later commit: 0 to 100 ms after the chain's first mark.
            for (var i = 0; i < 4; i++)
            {
                outcomes.Add(("pure", await AmongPureSteps(server, database, TimeSpan.FromMilliseconds(random.Next(100)))));
            }

            Console.WriteLine($"  cycle {cycle}: {outcomes.Sum(o => o.Outcome.Kills)} kills so far ({watch.Elapsed.TotalSeconds:F0} s)");
        }

        Print(outcomes, watch.Elapsed);
        return outcomes.All(o => o.Outcome.Violations.Count == 0) ? 0 : 1;
    }

    private static async Task<(bool Killed, CrashOutcome Outcome)> Transition(string server, string? database, int n, int cycle)
    {
        var directory = Directory.CreateTempSubdirectory("mcpp-crash-").FullName;
        await using var schema = database is null ? null : await FreshSchema.CreateAsync(database);
        try
        {
            var scenario = new CrashScenario(Cli(server, directory), CrashPlaybook.Transitions, directory, Store(schema));
            var run = await ChildProcessRun.RunAsync(server, directory, scenario.RunArguments, CrashScenario.Environment(n, scenario.Store));
            var outcome = await scenario.FinishAsync(run, killDecisionAfter: n, skipInterrupted: (n + cycle) % 4 == 0);
            return (run.ExitCode == CrashScenario.KilledExitCode, outcome);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<CrashOutcome> Outside(string server, string? database, TimeSpan delay, int cycle)
    {
        var directory = Directory.CreateTempSubdirectory("mcpp-crash-").FullName;
        await using var schema = database is null ? null : await FreshSchema.CreateAsync(database);
        try
        {
            var playbook = CrashPlaybook.Sleeps(4);
            var scenario = new CrashScenario(Cli(server, directory), playbook, directory, Store(schema));
            var firstMark = Path.Combine(directory, playbook.MarkingSteps[0]);
            var run = await ChildProcessRun.RunAsync(server, directory, scenario.RunArguments, CrashScenario.Environment(null, scenario.Store), () => AfterMarkAsync(firstMark, delay));
            return await scenario.FinishAsync(run, killDecisionAfter: null, skipInterrupted: cycle % 5 == 0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<CrashOutcome> AmongPureSteps(string server, string? database, TimeSpan delay)
    {
        var directory = Directory.CreateTempSubdirectory("mcpp-crash-").FullName;
        await using var schema = database is null ? null : await FreshSchema.CreateAsync(database);
        try
        {
            var scenario = new CrashScenario(Cli(server, directory), CrashPlaybook.PureChain(3000), directory, Store(schema));
            var mark = Path.Combine(directory, "mark-a");
            var run = await ChildProcessRun.RunAsync(server, directory, scenario.RunArguments, CrashScenario.Environment(null, scenario.Store), () => AfterMarkAsync(mark, delay));
            var outcome = await scenario.FinishAsync(run, killDecisionAfter: null, skipInterrupted: false);
            // How often the last step ran is the scenario's count (a retried one may run twice); what it wrote is checked here.
            var last = Path.Combine(directory, "mark-b");
            var carried = File.Exists(last) && File.ReadAllLines(last) is { Length: > 0 } lines && lines.All(line => line == "carried");
            return carried || !outcome.Finished
                ? outcome
                : outcome with { Violations = [.. outcome.Violations, "the pure chain did not carry its value to its end"] };
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// When to kill: <paramref name="delay"/> (the random moment) after the child's step wrote <paramref name="mark"/>. The
    /// mark is another process's file, so it is polled (every 5 ms, for at most 30 s).
    /// </summary>
    private static async Task AfterMarkAsync(string mark, TimeSpan delay)
    {
        for (var polls = 0; polls < 6000 && !File.Exists(mark); polls++)
        {
            await Task.Delay(5);
        }

        await Task.Delay(delay);
    }

    /// <summary>The scenario's history: the data directory's SQLite file, or <paramref name="schema"/> (its password in the environment).</summary>
    private static CrashStore? Store(FreshSchema? schema)
    {
        if (schema is null)
        {
            return null;
        }

        var builder = new NpgsqlConnectionStringBuilder(schema.ConnectionString);
        var password = builder.Password;
        builder.Password = null;
        return CrashStore.Postgres(builder.ConnectionString, password);
    }

    private static CliCall Cli(string server, string directory) =>
        (args, environment) => ChildProcessRun.RunAsync(server, directory, args, environment);

    private static void Print(List<(string Kind, CrashOutcome Outcome)> outcomes, TimeSpan elapsed)
    {
        foreach (var group in outcomes.GroupBy(o => o.Kind).Append(outcomes.GroupBy(_ => "total").Single()))
        {
            var all = group.Select(o => o.Outcome).ToList();
            Console.WriteLine(
                $"{group.Key,-10} scenarios {all.Count,4}  kills {all.Sum(o => o.Kills),4}  executions resumed {all.Sum(o => o.Resumed),4}  "
                + $"steps re-run (idempotent) {all.Sum(o => o.Rerun),4}  steps interrupted {all.Sum(o => o.Interrupted),4}  "
                + $"duplicates {all.Sum(o => o.Duplicates),2}  runs finished {all.Count(o => o.Finished),4} of {all.Count(o => o.Started),4} started");
        }

        var violations = outcomes.Where(o => o.Outcome.Violations.Count > 0).ToList();
        Console.WriteLine($"violations: {violations.Count} scenarios; took {elapsed.TotalSeconds:F0} s");
        foreach (var (kind, outcome) in violations.Take(5))
        {
            Console.WriteLine($"  {kind}: {string.Join(" / ", outcome.Violations)}");
            Console.WriteLine($"    {string.Join("\n    ", outcome.Log)}");
        }
    }
}
