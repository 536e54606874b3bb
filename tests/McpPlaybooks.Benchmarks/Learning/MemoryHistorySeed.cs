using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Benchmarks.Learning;

/// <summary>
/// Writes a synthetic history through the real write path: each execution is one batch (running row, attempts, step
/// states, final row) committed by <see cref="HistoryStore.WriteAsync(IReadOnlyList{HistoryWrite})"/>, so the writer
/// folds it into the learning memory exactly as it folds a real run. 5 playbooks of 8 steps; about 1 attempt in 7 fails
/// (categories and messages with varying numbers, paths and hosts), retried once; executions end over 60 days.
/// </summary>
internal static class MemoryHistorySeed
{
    public const int StepsPerPlaybook = 8;
    private const int Playbooks = 5;
    private const int Writers = 8;

    private static readonly ErrorCategory[] Categories = [ErrorCategory.Timeout, ErrorCategory.Network, ErrorCategory.Temporary, ErrorCategory.Configuration, ErrorCategory.Authentication];

    /// <summary>Writes executions until at least <paramref name="attempts"/> step attempts are stored; returns how many attempts were written.</summary>
    public static async Task<int> WriteAsync(HistoryStore store, int attempts, DateTimeOffset now)
    {
        for (var p = 0; p < Playbooks; p++)
        {
            await store.WriteAsync(new HistoryWrite.SavePlaybookVersion(new PlaybookVersionRecord
            {
                PlaybookId = PlaybookId(p), Version = "1.0.0", Sha256 = "sha" + p, Content = "id: " + PlaybookId(p), CreatedAt = now,
            }));
        }

        var written = 0;
        var next = 0;
        var gate = new Lock();
        async Task Writer(int seed)
        {
            var random = new Random(seed);
            while (true)
            {
                int n;
                lock (gate)
                {
                    if (written >= attempts)
                    {
                        return;
                    }

                    n = next++;
                }

                var batch = Execution(n, random, now, out var count);
                await store.WriteAsync(batch);
                lock (gate)
                {
                    written += count;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(1, Writers).Select(Writer));
        return written;
    }

    private static string PlaybookId(int p) => "bench-memory-" + p;

    private static List<HistoryWrite> Execution(int n, Random random, DateTimeOffset now, out int count)
    {
        var p = n % Playbooks;
        var id = $"ex-bench-{n:D7}";
        var started = now.AddDays(-random.Next(60)).AddSeconds(-random.Next(86_400));
        var running = new ExecutionRecord
        {
            Id = id, PlaybookId = PlaybookId(p), PlaybookVersion = "1.0.0", PlaybookSha256 = "sha" + p, Status = ExecutionStatus.Running,
            InputsJson = $$"""{"service":"web-{{n % 13}}"}""", IncidentJson = $$"""{"type":"{{(n % 3 == 0 ? "availability" : "latency")}}"}""",
            CreatedAt = started, StartedAt = started, UpdatedAt = started,
        };
        var writes = new List<HistoryWrite> { new HistoryWrite.SaveExecution(running) };
        var at = started;
        var failedRun = false;
        count = 0;
        for (var s = 0; s < StepsPerPlaybook; s++)
        {
            var stepId = "step-" + s;
            var target = "host-" + (s % 6) + ".example.com";
            var attempt = 1;
            var completed = false;
            while (!completed && attempt <= 2)
            {
                var duration = TimeSpan.FromMilliseconds(20 + random.Next(2000));
                var fails = random.Next(7) == 0;
                var category = Categories[random.Next(Categories.Length)];
                writes.Add(new HistoryWrite.SaveAttempt(new StepAttemptRecord
                {
                    ExecutionId = id, StepId = stepId, Attempt = attempt, Action = "http", Target = target,
                    Status = fails ? StepStatus.Failed : StepStatus.Completed,
                    ErrorCategory = fails ? category : null,
                    ErrorMessage = fails ? Message(category, random) : null,
                    StartedAt = at, EndedAt = at + duration,
                }));
                count++;
                at += duration;
                completed = !fails;
                attempt++;
            }

            writes.Add(new HistoryWrite.SaveStepState(new StepStateRecord
            {
                ExecutionId = id, StepId = stepId, Position = s, Status = completed ? StepStatus.Completed : StepStatus.Failed, Attempts = attempt - 1,
                StartedAt = started, EndedAt = at,
            }));
            if (!completed)
            {
                failedRun = true;
                break;
            }
        }

        writes.Add(new HistoryWrite.SaveExecution(running with
        {
            Status = failedRun ? ExecutionStatus.Failed : ExecutionStatus.Completed, EndedAt = at, UpdatedAt = at,
        }));
        return writes;
    }

    private static string Message(ErrorCategory category, Random random) => category switch
    {
        ErrorCategory.Timeout => string.Create(CultureInfo.InvariantCulture, $"http timed out after {random.Next(5, 60)}s"),
        ErrorCategory.Network => string.Create(CultureInfo.InvariantCulture, $"connection refused by 10.0.{random.Next(255)}.{random.Next(255)}:{random.Next(1000, 9000)}"),
        ErrorCategory.Temporary => string.Create(CultureInfo.InvariantCulture, $"GET https://api.example.com/items/{random.Next(10_000)} returned 503"),
        ErrorCategory.Configuration => string.Create(CultureInfo.InvariantCulture, $"fatal config error at /etc/app/{random.Next(100)}.conf"),
        _ => string.Create(CultureInfo.InvariantCulture, $"token {Guid.NewGuid()} rejected for user {random.Next(500)}"),
    };
}
