using System.Diagnostics;
using System.Globalization;
using McpPlaybooks.Benchmarks.Execution;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Benchmarks.History;

/// <summary>
/// <c>history [N]</c>: N step attempts written to a real SQLite history in a temporary folder, each as two awaited
/// writes (the attempt started; then the attempt finished, the step's state and a log line), first by one caller,
/// then by 8 concurrent callers. Prints writes/s, the latency of a write (mean, p50, p99, p99.9, slowest) and the writes
/// per commit (group commit). Then the same on a store whose write-ahead log SQLite checkpoints inside the commit that
/// finds it full (the peer: how the store worked before <c>SqliteWalCheckpointer</c>), alternated with ours.
/// </summary>
internal static class HistoryRun
{
    private const int DefaultCount = 5_000;
    private const string ExecutionId = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = DefaultCount;
        if (args.Length > 1 || (args.Length == 1 && (!int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count < 8)))
        {
            Console.Error.WriteLine("usage: history [N]  (N step attempts, at least 8, default 5000)");
            return 2;
        }

        var folder = Timings.TempDirectory("history");
        try
        {
            for (var round = 1; round <= 2; round++)
            {
                foreach (var beside in new[] { true, false })
                {
                    var path = Path.Combine(folder, $"history-{round}-{(beside ? "ours" : "inline")}.db");
                    Console.WriteLine(beside ? $"round {round}: checkpoints beside the commits (ours)" : $"round {round}: checkpoints inside a commit (SQLite's own, the peer)");
                    await using var store = beside
                        ? await HistoryStore.OpenAsync(path, TimeProvider.System, null, CancellationToken.None)
                        : await HistoryStore.OpenCheckpointingInlineAsync(path, TimeProvider.System);
                    await store.WriteAsync(Started());
                    await MeasureAsync(store, "warm-up", callers: 1, attempts: Math.Min(count, 200), print: false);
                    await MeasureAsync(store, "1 caller, sequential", callers: 1, attempts: count, print: true);
                    await MeasureAsync(store, "8 concurrent callers", callers: 8, attempts: count, print: true);
                }
            }

            return 0;
        }
        finally
        {
            Timings.DeleteTempDirectory(folder);
        }
    }

    private static async Task MeasureAsync(HistoryStore store, string label, int callers, int attempts, bool print)
    {
        var perCaller = attempts / callers;
        var transactionsBefore = store.CommittedTransactions;
        var clock = Stopwatch.StartNew();
        var latencies = (await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(() => CallerAsync(store, label, caller, perCaller)))))
            .SelectMany(caller => caller)
            .Order()
            .ToList();
        clock.Stop();

        if (print)
        {
            var writes = latencies.Count;
            var transactions = store.CommittedTransactions - transactionsBefore;
            double At(double quantile) => latencies[Math.Min(writes - 1, (int)(writes * quantile))];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {label,-22} {writes} writes in {clock.Elapsed.TotalSeconds:F2} s: {writes / clock.Elapsed.TotalSeconds:F0} writes/s; latency ms mean {latencies.Average():F3}, "
                    + $"p50 {At(0.5):F3}, p99 {At(0.99):F3}, p99.9 {At(0.999):F3}, slowest {latencies[^1]:F1}; {transactions} commits ({(double)writes / transactions:F1} writes per commit)"));
        }
    }

    /// <summary>One caller's attempts; returns its writes' latencies in milliseconds.</summary>
    private static async Task<List<double>> CallerAsync(HistoryStore store, string label, int caller, int attempts)
    {
        var stepId = $"{label}-{caller}";
        var latencies = new List<double>(attempts * 2);
        for (var i = 1; i <= attempts; i++)
        {
            var started = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000 + i);
            var running = new StepAttemptRecord
            {
                ExecutionId = ExecutionId,
                StepId = stepId,
                Attempt = i,
                Action = "shell",
                Target = "systemctl",
                Status = StepStatus.Running,
                StartedAt = started,
            };
            var ended = started.AddMilliseconds(42);

            var start = Stopwatch.GetTimestamp();
            await store.WriteAsync(new HistoryWrite.SaveAttempt(running));
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

            start = Stopwatch.GetTimestamp();
            await store.WriteAsync([
                new HistoryWrite.SaveAttempt(running with { Status = StepStatus.Completed, EndedAt = ended, OutputJson = "{\"exit_code\":0,\"stdout\":\"ok\"}" }),
                new HistoryWrite.SaveStepState(new() { ExecutionId = ExecutionId, StepId = stepId, Status = StepStatus.Completed, Attempts = i, StartedAt = started, EndedAt = ended }),
                new HistoryWrite.AppendLog(new() { ExecutionId = ExecutionId, StepId = stepId, Level = ExecutionLogLevel.Info, Message = "attempt " + i + " completed", At = ended }),
            ]);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return latencies;
    }

    private static HistoryWrite[] Started()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
        return
        [
            new HistoryWrite.SavePlaybookVersion(new() { PlaybookId = "bench", Version = "1.0.0", Sha256 = "0", Content = "id: bench\n", CreatedAt = at }),
            new HistoryWrite.SaveExecution(new()
            {
                Id = ExecutionId,
                PlaybookId = "bench",
                PlaybookVersion = "1.0.0",
                PlaybookSha256 = "0",
                Status = ExecutionStatus.Running,
                CreatedAt = at,
                UpdatedAt = at,
            }),
        ];
    }
}
