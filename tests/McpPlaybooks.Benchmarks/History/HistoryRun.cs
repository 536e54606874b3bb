using System.Diagnostics;
using System.Globalization;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Benchmarks.History;

/// <summary>
/// <c>history [N]</c>: N step attempts written to a real SQLite history in a temporary folder, each as two awaited
/// writes (the attempt started; then the attempt finished, the step's state and a log line), first by one caller,
/// then by 8 concurrent callers. Prints writes/s, the mean latency of a write and the writes per commit (group commit).
/// </summary>
internal static class HistoryRun
{
    private const int DefaultCount = 2_000;
    private const string ExecutionId = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = DefaultCount;
        if (args.Length > 1 || (args.Length == 1 && (!int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count < 8)))
        {
            Console.Error.WriteLine("usage: history [N]  (N step attempts, at least 8, default 2000)");
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "mcpplaybooks-history-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var store = await HistoryStore.OpenAsync(Path.Combine(folder, "history.db"), TimeProvider.System, null, CancellationToken.None);
            await store.WriteAsync(Started());
            await MeasureAsync(store, "warm-up", callers: 1, attempts: Math.Min(count, 200), print: false);
            await MeasureAsync(store, "1 caller, sequential", callers: 1, attempts: count, print: true);
            await MeasureAsync(store, "8 concurrent callers", callers: 8, attempts: count, print: true);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task MeasureAsync(HistoryStore store, string label, int callers, int attempts, bool print)
    {
        var perCaller = attempts / callers;
        var transactionsBefore = store.CommittedTransactions;
        var clock = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(() => CallerAsync(store, label, caller, perCaller))));
        clock.Stop();

        if (print)
        {
            var writes = callers * perCaller * 2;
            var transactions = store.CommittedTransactions - transactionsBefore;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{label,-22} writes={writes} in {clock.Elapsed.TotalSeconds:F2}s: {writes / clock.Elapsed.TotalSeconds:F0} writes/s, "
                    + $"mean latency {latencies.Sum() / writes:F3} ms, {transactions} commits ({(double)writes / transactions:F1} writes per commit)"));
        }
    }

    /// <summary>One caller's attempts; returns the sum of its writes' latencies in milliseconds.</summary>
    private static async Task<double> CallerAsync(HistoryStore store, string label, int caller, int attempts)
    {
        var stepId = $"{label}-{caller}";
        var total = 0.0;
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
            total += Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            await store.WriteAsync([
                new HistoryWrite.SaveAttempt(running with { Status = StepStatus.Completed, EndedAt = ended, OutputJson = "{\"exit_code\":0,\"stdout\":\"ok\"}" }),
                new HistoryWrite.SaveStepState(new() { ExecutionId = ExecutionId, StepId = stepId, Status = StepStatus.Completed, Attempts = i, StartedAt = started, EndedAt = ended }),
                new HistoryWrite.AppendLog(new() { ExecutionId = ExecutionId, StepId = stepId, Level = ExecutionLogLevel.Info, Message = "attempt " + i + " completed", At = ended }),
            ]);
            total += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return total;
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
