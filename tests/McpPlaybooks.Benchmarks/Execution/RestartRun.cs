using System.Collections.Concurrent;
using System.Diagnostics;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Benchmarks.Execution.ParkedExecutions;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>
/// <c>restart [COUNT]</c>: how long a new engine takes to take over COUNT unfinished executions (default 1000; budget 1 s),
/// in two cases. Parked: engine A parks them at a gate and is disposed (releasing its leases); engine B opens on the same
/// data directory. Running: a child process (<c>restart-seed</c>) starts them in a 10 minute <c>wait</c> with 1 s leases and
/// is killed with SIGKILL once every wait is recorded running; 1.5 s later engine B opens and re-runs the waits. A child,
/// because an engine abandoned in this process would keep renewing its leases from its heartbeat.
/// </summary>
internal static class RestartRun
{
    private const string Ready = "ready";
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Count(args, 0, 1_000);
        Console.WriteLine($"{count} unfinished executions taken over by a new engine on the same data directory; budget 1 s");
        await ParkedAsync(count);
        await RunningAsync(count);
        return 0;
    }

    private static async Task ParkedAsync(int count)
    {
        var directory = Timings.TempDirectory("restart-parked");
        try
        {
            var a = await OpenAsync(directory);
            var watch = Stopwatch.StartNew();
            var ids = await StartAsync(a, GatedYaml, 0, count, park: true);
            Console.WriteLine($"parked:  engine A parked {count} at a gate in {Timings.Millis(watch.Elapsed).Trim()}");
            watch.Restart();
            await a.DisposeAsync();
            Console.WriteLine($"parked:  engine A disposed (leases released) in {Timings.Millis(watch.Elapsed).Trim()}");

            watch.Restart();
            await using var b = await OpenAsync(directory);
            var open = watch.Elapsed;
            var report = b.LastResume;
            Console.WriteLine($"parked:  engine B opened and took over in {Timings.Millis(open).Trim()} ({Timings.Micros(open, count).Trim()} per execution): resumed {report.Resumed.Count}, rerun {report.Rerun.Count}, interrupted {report.Interrupted.Count}; held {b.HeldExecutions}; deadlines watched {b.WatchedDeadlines}; {Verdict(open)}");

            Console.WriteLine("parked:  where it goes, the same history calls replayed one by one: " + await TakeoverBreakdown.MeasureAsync(b, ids, directory));
            var sample = ids.Take(Math.Min(10, count)).ToList();
            watch.Restart();
            await ApproveAsync(b, sample);
            Console.WriteLine($"parked:  engine B approved {sample.Count} of them, which completed, in {Timings.Millis(watch.Elapsed).Trim()}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Starts <c>restart-seed</c> in a child process and kills it (SIGKILL) once it is ready: its leases are left to expire.</summary>
    internal static async Task SeedAndKillAsync(string directory, int count, bool gated, string prefix)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(RestartRun).Assembly.Location, "restart-seed", directory, count.ToString(System.Globalization.CultureInfo.InvariantCulture), gated ? "gated" : "waiting" })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine(prefix + "[child] " + line);
            if (line.StartsWith(Ready, StringComparison.Ordinal))
            {
                break;
            }
        }

        child.Kill(); // SIGKILL: no dispose, no lease released
        await child.WaitForExitAsync();
    }

    private static async Task RunningAsync(int count)
    {
        var directory = Timings.TempDirectory("restart-running");
        try
        {
            await SeedAndKillAsync(directory, count, gated: false, "running: ");
            Console.WriteLine("running: child killed; waiting 1.5 s for its 1 s leases to expire");

            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var watch = Stopwatch.StartNew();
            await using var b = await OpenAsync(directory, ShortLease);
            var open = watch.Elapsed;
            var report = b.LastResume;
            Console.WriteLine($"running: engine B opened and took over in {Timings.Millis(open).Trim()} ({Timings.Micros(open, count).Trim()} per execution): resumed {report.Resumed.Count}, rerun {report.Rerun.Count}, interrupted {report.Interrupted.Count}; held {b.HeldExecutions}; {Verdict(open)}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// <c>restart-seed DIR COUNT [gated]</c> (the child of <c>restart</c> and <c>restart-serve</c>): starts COUNT executions holding
    /// in a 10 minute wait (or, with <c>gated</c>, parked at a gate), with 1 s leases, prints <c>ready</c> once every wait is
    /// recorded running (every gate parked), then waits to be killed.
    /// </summary>
    public static async Task<int> SeedAsync(string[] args)
    {
        var directory = args[0];
        var count = Count(args, 1, 1_000);
        var gated = args.Length > 2 && args[2] == "gated";
        var engine = await OpenAsync(directory, ShortLease);
        var holding = new HoldsRunning(count);
        using var subscription = engine.Observe(null, holding);
        var watch = Stopwatch.StartNew();
        await StartAsync(engine, gated ? GatedYaml : WaitingYaml, 0, count, park: gated);
        Console.WriteLine($"engine A started {count} in {Timings.Millis(watch.Elapsed).Trim()}");
        if (!gated)
        {
            await holding.All;
        }
        Console.WriteLine($"{Ready}: every wait recorded running after {Timings.Millis(watch.Elapsed).Trim()}; held {engine.HeldExecutions}");
        await Console.Out.FlushAsync();
        await Task.Delay(Timeout.InfiniteTimeSpan);
        return 0;
    }

    /// <summary>Completes once every execution's <c>hold</c> step is running: the engine tells of a step after recording it.</summary>
    private sealed class HoldsRunning(int count) : IExecutionObserver
    {
        private readonly ConcurrentDictionary<string, bool> _running = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task All => _all.Task;

        public void StepChanged(string executionId, StepState step)
        {
            if (step.Id == "hold" && step.Status == StepStatus.Running && _running.TryAdd(executionId, true) && _running.Count == count)
            {
                _all.TrySetResult();
            }
        }
    }

    private static string Verdict(TimeSpan open) => open <= TimeSpan.FromSeconds(1) ? "within budget" : "OVER budget";
}
