using System.Diagnostics;
using static McpPlaybooks.Benchmarks.Execution.ParkedExecutions;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>
/// <c>park [COUNT]</c>: COUNT executions (default 10000) of a playbook whose second step is an approval gate with a
/// 15 minute timeout, started 8 at a time on a real engine with a real SQLite history, each waited for until it parks.
/// Prints the time to park them all, the process's memory before and after (budget: 200 MB resident), what the
/// engine holds, that no drive is left running, and the time to approve a sample of 100 and see them complete.
/// </summary>
internal static class ParkRun
{
    private const long BudgetBytes = 200L * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Count(args, 0, 10_000);
        var sample = Math.Min(100, count);
        var directory = Timings.TempDirectory("park");
        try
        {
            var engine = await OpenAsync(directory);
            try
            {
                // Warm-up: one execution parked and approved, so the JIT and the pools are not in the figures.
                await ApproveAsync(engine, await StartAsync(engine, GatedYaml, -1, 1, park: true));
                var before = Memory();
                Console.WriteLine($"{count} executions parked at a gate (timeout 15m), {Concurrency} started at a time; history {engine.History.Path}");
                Console.WriteLine($"before: RSS {Megabytes(before.Rss)}, managed heap {Megabytes(before.Managed)}");

                var watch = Stopwatch.StartNew();
                var ids = new List<string>(count);
                var tenth = Math.Max(1, count / 10);
                var lap = Stopwatch.StartNew();
                var laps = new List<string>();
                var perExecution = new List<double>();
                for (var first = 0; first < count; first += tenth)
                {
                    var chunk = Math.Min(tenth, count - first);
                    ids.AddRange(await StartAsync(engine, GatedYaml, first, chunk, park: true));
                    laps.Add(Timings.Micros(lap.Elapsed, chunk).Trim());
                    perExecution.Add(lap.Elapsed.TotalMicroseconds / chunk);
                    lap.Restart();
                }

                watch.Stop();
                Console.WriteLine($"parked {count} in {Timings.Millis(watch.Elapsed).Trim()}: {Timings.Micros(watch.Elapsed, count).Trim()} per execution, {count / watch.Elapsed.TotalSeconds:F0} executions/s");
                Console.WriteLine($"per execution, by tenths (the {tenth} first, ..., the {tenth} last): {string.Join(", ", laps)}");
                Console.WriteLine($"flat starts: the last {tenth} {perExecution[^1]:F1} µs each against the first {tenth} {perExecution[0]:F1} µs: ratio {perExecution[^1] / perExecution[0]:F2} (goal ≤ 1.2)");

                var idle = Stopwatch.StartNew();
                await engine.WaitIdleAsync(CancellationToken.None);
                idle.Stop();
                Console.WriteLine($"held by the engine: {engine.HeldExecutions}; deadlines watched: {engine.WatchedDeadlines}; WaitIdleAsync returned in {Timings.Millis(idle.Elapsed).Trim()} (no drive running)");

                var after = Memory();
                var delta = after.Rss - before.Rss;
                Console.WriteLine($"after:  RSS {Megabytes(after.Rss)}, managed heap {Megabytes(after.Managed)}");
                Console.WriteLine($"delta:  RSS {Megabytes(delta)} ({delta / count} bytes per execution), managed {Megabytes(after.Managed - before.Managed)} ({(after.Managed - before.Managed) / count} bytes per execution)");
                Console.WriteLine($"budget: RSS {Megabytes(after.Rss)} of {Megabytes(BudgetBytes)}: {(after.Rss <= BudgetBytes ? "within" : "OVER")}");

                var approve = Stopwatch.StartNew();
                await ApproveAsync(engine, ids.Take(sample));
                approve.Stop();
                var heldAtOnce = engine.HeldExecutions;
                var settle = Stopwatch.StartNew();
                while (engine.HeldExecutions > count - sample && settle.Elapsed < TimeSpan.FromSeconds(5))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(1)); // a completed run leaves the engine just after its waiters hear it
                }

                Console.WriteLine($"approved {sample} (decision, then run to completed) in {Timings.Millis(approve.Elapsed).Trim()}: {Timings.Micros(approve.Elapsed, sample).Trim()} per approval; held right then {heldAtOnce}, {engine.HeldExecutions} after {Timings.Millis(settle.Elapsed).Trim()}");
            }
            finally
            {
                var dispose = Stopwatch.StartNew();
                await engine.DisposeAsync();
                Console.WriteLine($"engine disposed (releasing the leases of the parked executions) in {Timings.Millis(dispose.Elapsed).Trim()}");
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
