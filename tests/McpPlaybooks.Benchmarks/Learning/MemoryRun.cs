using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using McpPlaybooks.Benchmarks.Execution;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Validation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Benchmarks.Learning;

/// <summary>
/// <c>memory [ATTEMPTS] [CALLS] [RUNS]</c>: writes ATTEMPTS step attempts of history (default 100,000) through the real
/// folding path (<see cref="MemoryHistorySeed"/>), then times the learning memory's answers (median and p95 of CALLS
/// calls, default 50); then the per-step cost of the engine with the memory on and off (median of RUNS runs, default 7,
/// alternating): <c>steps</c>' 1000-step no-op playbook, and a 50-step <c>/bin/true</c> chain whose attempts are folded.
/// </summary>
internal static class MemoryRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var attempts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
        var directory = Timings.TempDirectory("memory");
        try
        {
            await AnswersAsync(Path.Combine(directory, "seeded"), attempts, calls);
            await OverheadAsync(directory, runs);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task AnswersAsync(string data, int attempts, int calls)
    {
        var options = new EngineOptions { DataDirectory = data };
        var watch = Stopwatch.StartNew();
        int written;
        await using (var store = await HistoryStore.OpenAsync(options.DatabasePath, TimeProvider.System, null, CancellationToken.None))
        {
            written = await MemoryHistorySeed.WriteAsync(store, attempts, DateTimeOffset.UtcNow);
        }

        var seeding = watch.Elapsed;

        // The same history written with folding off: the difference is what folding costs the writer, per attempt.
        watch.Restart();
        await using (var plain = await HistoryStore.OpenAsync(Path.Combine(data + "-plain", "history.db"), TimeProvider.System, null, CancellationToken.None))
        {
            plain.FoldsMemory = false;
            await MemoryHistorySeed.WriteAsync(plain, attempts, DateTimeOffset.UtcNow);
        }

        var plainSeeding = watch.Elapsed;

        // An upgrade: the engine opens on the history written without folding and backfills it in the background.
        watch.Restart();
        await using (var upgraded = await PlaybookEngine.OpenAsync(new EngineOptions { DataDirectory = data + "-plain" }, TimeProvider.System, NullLoggerFactory.Instance, new Hashtable(), CancellationToken.None))
        {
            var open = watch.Elapsed;
            var folded = await upgraded.Memory.Backfilled;
            var backfill = watch.Elapsed;
            watch.Restart();
            var again = await upgraded.Memory.BackfillAsync(CancellationToken.None);
            Console.WriteLine($"upgrade (history written with folding off): open {open.TotalMilliseconds:F0} ms, backfill of {folded:N0} executions done at {backfill.TotalMilliseconds:F0} ms ({(backfill - open).TotalMicroseconds / Math.Max(1, folded):F0} µs each); a second pass folds {again} in {watch.Elapsed.TotalMilliseconds:F1} ms");
        }

        watch.Restart();
        await using var engine = await PlaybookEngine.OpenAsync(options, TimeProvider.System, NullLoggerFactory.Instance, new Hashtable(), CancellationToken.None);
        Console.WriteLine($"open on the history folded live (the backfill finds nothing): {watch.Elapsed.TotalMilliseconds:F0} ms");
        var (stored, executions, aggregateRows) = await CountsAsync(engine.History.Path);
        Console.WriteLine($"history: {stored:N0} step attempts in {executions:N0} executions, written and folded in {seeding.TotalSeconds:F1} s ({seeding.TotalMicroseconds / written:F0} µs per attempt; without folding {plainSeeding.TotalSeconds:F1} s, {plainSeeding.TotalMicroseconds / written:F0} µs); {aggregateRows:N0} aggregate rows");
        Console.WriteLine($"{"answer",-52} {"median",10} {"p95",10}");
        var memory = engine.Memory;
        await Time("GetInsightsAsync (all playbooks)", calls, () => memory.GetInsightsAsync(new InsightsQuery(), CancellationToken.None));
        await Time("GetInsightsAsync (one playbook, with a search)", calls, () => memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "bench-memory-1", Query = "fatal config error" }, CancellationToken.None));
        await Time("GetMetricsAsync (all playbooks, all time)", calls, () => memory.GetMetricsAsync(new MetricsQuery(), CancellationToken.None));
        await Time("GetMetricsAsync (one playbook, last 7 days)", calls, () => memory.GetMetricsAsync(new MetricsQuery { PlaybookId = "bench-memory-2", Since = DateTimeOffset.UtcNow.AddDays(-7) }, CancellationToken.None));
        await Time("GetTrackRecordsAsync", calls, () => memory.GetTrackRecordsAsync(CancellationToken.None));
        var insights = await memory.GetInsightsAsync(new InsightsQuery { Limit = 3 }, CancellationToken.None);
        Console.WriteLine($"  e.g. top pattern: {insights.Patterns[0].Pattern} ({insights.Patterns[0].Count} times)");
    }

    private static async Task OverheadAsync(string directory, int runs)
    {
        Console.WriteLine($"per-step cost of the engine with the learning memory on and off (median of {runs} runs, alternating)");
        await using var on = await OpenAsync(Path.Combine(directory, "on"), learning: true);
        await using var off = await OpenAsync(Path.Combine(directory, "off"), learning: false);
        (string Name, string Yaml, int Steps)[] cases =
        [
            ("1000 no-op steps (set, log), independent", StepOverheadRun.Playbook(1000, chain: false), 1000),
            ("1000 no-op steps (set, log), chain", StepOverheadRun.Playbook(1000, chain: true), 1000),
            ("50 /bin/true shell steps, chain", ShellChain(50), 50),
        ];
        Console.WriteLine($"{"playbook",-44} {"memory on",12} {"memory off",12} {"difference",12}");
        foreach (var (name, yaml, steps) in cases)
        {
            var playbook = new PlaybookValidator().ValidateText(yaml, "bench.yaml").Playbook!;
            var withMemory = new List<TimeSpan>();
            var without = new List<TimeSpan>();
            await RunOnceAsync(on, playbook, yaml);
            await RunOnceAsync(off, playbook, yaml);
            for (var i = 0; i < runs; i++)
            {
                withMemory.Add(await RunOnceAsync(on, playbook, yaml));
                without.Add(await RunOnceAsync(off, playbook, yaml));
            }

            var a = Timings.Median(withMemory);
            var b = Timings.Median(without);
            Console.WriteLine($"{name,-44} {Timings.Micros(a, steps),12} {Timings.Micros(b, steps),12} {Timings.Micros(a - b, steps),12}");
        }
    }

    private static Task<PlaybookEngine> OpenAsync(string data, bool learning) =>
        PlaybookEngine.OpenAsync(
            new EngineOptions { DataDirectory = data, LearningMemory = learning, Breakers = new CircuitBreakerSettings { Enabled = false } },
            TimeProvider.System,
            NullLoggerFactory.Instance,
            new Hashtable(),
            CancellationToken.None);

    private static async Task<TimeSpan> RunOnceAsync(PlaybookEngine engine, Engine.Definitions.PlaybookDefinition playbook, string yaml)
    {
        var watch = Stopwatch.StartNew();
        var state = await engine.RunAsync(new ExecutionRequest { Playbook = playbook, Content = yaml, StartedBy = "bench" }, null, CancellationToken.None);
        var elapsed = watch.Elapsed;
        if (state.Status != ExecutionStatus.Completed)
        {
            throw new InvalidOperationException($"the benchmark playbook ended {state.Status}: {state.Error?.Message}");
        }

        return elapsed;
    }

    private static async Task Time<T>(string name, int calls, Func<Task<T>> call)
    {
        await call();
        var times = new List<TimeSpan>(calls);
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times.Add(watch.Elapsed);
        }

        times.Sort();
        Console.WriteLine($"{name,-52} {Timings.Millis(Timings.Median(times)),10} {Timings.Millis(times[(int)Math.Ceiling(0.95 * times.Count) - 1]),10}");
    }

    private static async Task<(long Attempts, long Executions, long AggregateRows)> CountsAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        long Count(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }

        var aggregates = new[] { "memory_playbook_days", "memory_step_days", "memory_durations", "memory_duration_totals", "memory_step_categories", "memory_step_timeouts", "memory_target_days", "memory_target_categories", "memory_retries", "memory_patterns", "memory_incident_days" }
            .Sum(table => Count("SELECT count(*) FROM " + table));
        return (Count("SELECT count(*) FROM step_attempts"), Count("SELECT count(*) FROM executions"), aggregates);
    }

    private static string ShellChain(int steps)
    {
        var text = new StringBuilder("id: bench-true\nname: True chain\nversion: 1.0.0\nsteps:\n");
        for (var i = 0; i < steps; i++)
        {
            text.Append("  - id: t").Append(i).Append('\n');
            if (i > 0)
            {
                text.Append("    needs: [t").Append(i - 1).Append("]\n");
            }

            text.Append("    action: shell\n    with: { command: [/bin/true] }\n    rollback: []\n");
        }

        return text.ToString();
    }
}
