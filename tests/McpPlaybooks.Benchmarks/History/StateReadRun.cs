using System.Diagnostics;
using System.Globalization;
using McpPlaybooks.Benchmarks.Execution;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Benchmarks.History;

/// <summary>
/// <c>state-read [STEPS] [BYTES]</c>: an ended execution of STEPS steps (default 40), each tried three times with an
/// output of BYTES characters (default 16000) and a <c>finally</c> call, in a real SQLite history; then what
/// <c>get_execution</c> reads of it from history (<see cref="StoredExecutionState.LoadAsync"/>), and the two ways of
/// reading its finally calls: their attempts only (the unique key finds them) against every attempt of the execution (how
/// the state was read before), every attempt without its output (what get_execution_metrics and the dashboard's
/// timeline read), and one step's attempts by their step (the dashboard's step panel) against every attempt without its
/// output kept for that step (how the panel read them before), alternated. Prints the median of each.
/// </summary>
internal static class StateReadRun
{
    private const string ExecutionId = "bench";
    private const int Rounds = 7;
    private const int Reads = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        int steps = 40, bytes = 16_000;
        if (args.Length > 2 || (args.Length > 0 && !int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out steps))
            || (args.Length > 1 && !int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out bytes)) || steps < 1 || bytes < 0)
        {
            Console.Error.WriteLine("usage: state-read [STEPS] [BYTES]  (an execution of STEPS steps, default 40, each tried 3 times with BYTES characters of output, default 16000)");
            return 2;
        }

        var folder = Timings.TempDirectory("state-read");
        try
        {
            await using var store = await HistoryStore.OpenAsync(Path.Combine(folder, "history.db"), TimeProvider.System, null, CancellationToken.None);
            await store.WriteAsync(Seed(steps, bytes));
            var load = new List<TimeSpan>();
            var finallyOnly = new List<TimeSpan>();
            var every = new List<TimeSpan>();
            var withoutOutputs = new List<TimeSpan>();
            var oneStep = new List<TimeSpan>();
            var oneStepFiltered = new List<TimeSpan>();
            for (var round = 0; round < Rounds; round++)
            {
                load.Add(await TimeAsync(() => StoredExecutionState.LoadAsync(store, ExecutionId, CancellationToken.None)));
                finallyOnly.Add(await TimeAsync(() => store.GetAttemptsAsync(ExecutionId, AttemptKind.Finally, CancellationToken.None)));
                every.Add(await TimeAsync(() => store.GetAttemptsAsync(ExecutionId, CancellationToken.None)));
                withoutOutputs.Add(await TimeAsync(() => store.GetAttemptsWithoutOutputsAsync(ExecutionId, CancellationToken.None)));
                oneStep.Add(await TimeAsync(() => store.GetStepAttemptsWithoutOutputsAsync(ExecutionId, "step-0", CancellationToken.None)));
                oneStepFiltered.Add(await TimeAsync(async () =>
                    (await store.GetAttemptsWithoutOutputsAsync(ExecutionId, CancellationToken.None)).Where(attempt => attempt.StepId == "step-0").ToList()));
            }

            var attempts = await store.GetAttemptsAsync(ExecutionId, CancellationToken.None);
            var (ours, before) = (Median(finallyOnly), Median(every));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"an ended execution: {steps} steps, {attempts.Count} attempts, {bytes:N0} characters of output each; medians of {Rounds} rounds of {Reads} reads"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the state from history (get_execution's read)   {Median(load),9:F1} us"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  its finally calls: their attempts only         {ours,9:F1} us"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  its finally calls: every attempt (the peer)     {before,9:F1} us   ours {ours / before:F3}x the time"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  every attempt without its output (metrics)      {Median(withoutOutputs),9:F1} us   {Median(withoutOutputs) / before:F3}x every attempt with it"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one step's attempts, by its step (step panel)    {Median(oneStep),9:F1} us"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one step's attempts, every attempt kept for it  {Median(oneStepFiltered),9:F1} us   by step {Median(oneStep) / Median(oneStepFiltered):F3}x the time"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the state's read without the saving, estimated {Median(load) - ours + before,9:F1} us   ours {Median(load) / (Median(load) - ours + before):F2}x the time"));
            return 0;
        }
        finally
        {
            Timings.DeleteTempDirectory(folder);
        }
    }

    private static async Task<TimeSpan> TimeAsync<T>(Func<Task<T>> read)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < Reads; i++)
        {
            await read();
        }

        return Stopwatch.GetElapsedTime(start) / Reads;
    }

    /// <summary>The median of <paramref name="times"/>, in microseconds.</summary>
    private static double Median(List<TimeSpan> times) => Timings.Median(times).TotalMicroseconds;

    private static List<HistoryWrite> Seed(int steps, int bytes)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
        var output = "{\"exit_code\":0,\"stdout\":\"" + new string('o', bytes) + "\"}";
        var writes = new List<HistoryWrite>
        {
            new HistoryWrite.SavePlaybookVersion(new() { PlaybookId = "bench", Version = "1.0.0", Sha256 = "0", Content = "id: bench\n", CreatedAt = at }),
            new HistoryWrite.SaveExecution(new()
            {
                Id = ExecutionId,
                PlaybookId = "bench",
                PlaybookVersion = "1.0.0",
                PlaybookSha256 = "0",
                Status = ExecutionStatus.Completed,
                CreatedAt = at,
                UpdatedAt = at,
                StartedAt = at,
                EndedAt = at.AddMinutes(1),
                OutputsJson = "{}",
            }),
        };
        for (var step = 0; step < steps; step++)
        {
            var id = "step-" + step;
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                writes.Add(new HistoryWrite.SaveAttempt(new()
                {
                    ExecutionId = ExecutionId,
                    StepId = id,
                    Attempt = attempt,
                    Action = "shell",
                    Status = attempt < 3 ? StepStatus.Failed : StepStatus.Completed,
                    StartedAt = at.AddMilliseconds(step * 10 + attempt),
                    EndedAt = at.AddMilliseconds(step * 10 + attempt + 1),
                    OutputJson = output,
                }));
            }

            writes.Add(new HistoryWrite.SaveStepState(new()
            {
                ExecutionId = ExecutionId,
                StepId = id,
                Position = step,
                Status = StepStatus.Completed,
                Attempts = 3,
                StartedAt = at,
                EndedAt = at,
                OutputJson = output,
            }));
        }

        writes.Add(new HistoryWrite.SaveAttempt(new()
        {
            ExecutionId = ExecutionId,
            StepId = "notify",
            Kind = AttemptKind.Finally,
            Attempt = 1,
            Action = "log",
            Status = StepStatus.Completed,
            StartedAt = at.AddMinutes(1),
            EndedAt = at.AddMinutes(1),
        }));
        return writes;
    }
}
