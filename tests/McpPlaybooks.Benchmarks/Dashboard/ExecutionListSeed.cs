using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Benchmarks.Dashboard;

/// <summary>
/// Fills a history with COUNT executions for the <c>dashboard</c> benchmark, in one transaction through the history's own
/// write path (<see cref="HistoryStore.WriteAsync(IReadOnlyList{HistoryWrite})"/>: one list of writes is one commit).
/// 12 playbooks, 40 starters, created over 90 days; about 85% completed, 8% failed, 4% cancelled, 2% rolled back, and a
/// few dozen each running, paused and waiting for approval. The unfinished ones are held by another owner's lease for a day,
/// so the server under test leaves them alone instead of taking them over.
/// </summary>
internal static class ExecutionListSeed
{
    public const int Playbooks = 12;
    public const int Starters = 40;

    /// <summary>Another process's owner id (host:pid:random); its lease keeps the server from driving the seeded runs.</summary>
    private const string Elsewhere = "bench-elsewhere:1:seed";

    public static string PlaybookId(int p) => "service-" + (p switch { 0 => "restart", 1 => "failover", 2 => "rollback", 3 => "scale-out", _ => "check-" + p });

    public static string Starter(int s) => (s % 3) switch { 0 => "token:oncall-" + s, 1 => "local:ops-" + s, _ => "cli:dev-" + s };

    public static async Task<SeedCounts> WriteAsync(HistoryStore store, int count, DateTimeOffset now)
    {
        var writes = new List<HistoryWrite>(count + Playbooks);
        for (var p = 0; p < Playbooks; p++)
        {
            writes.Add(new HistoryWrite.SavePlaybookVersion(new PlaybookVersionRecord
            {
                PlaybookId = PlaybookId(p), Version = "1." + p + ".0", Sha256 = "sha" + p, Content = "id: " + PlaybookId(p), CreatedAt = now.AddDays(-91),
            }));
        }

        var random = new Random(19);
        var counts = new SeedCounts();
        var span = TimeSpan.FromDays(90).TotalMilliseconds;
        for (var n = 0; n < count; n++)
        {
            var created = now.AddMilliseconds(-span + (span * n / count) + random.Next(1000));
            var status = StatusOf(n, count, random);
            counts.Add(status);
            var ended = status is ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.RolledBack;
            var p = random.Next(Playbooks);
            writes.Add(new HistoryWrite.SaveExecution(new ExecutionRecord
            {
                Id = $"ex-{n:D7}-{random.Next(0x10000):x4}", PlaybookId = PlaybookId(p), PlaybookVersion = "1." + p + ".0", PlaybookSha256 = "sha" + p,
                Status = status, InputsJson = $$"""{"service":"web-{{n % 17}}","region":"eu-{{n % 3}}"}""", StartedBy = Starter(random.Next(Starters)),
                CreatedAt = created, StartedAt = created, EndedAt = ended ? created.AddSeconds(5 + random.Next(600)) : null,
                ErrorCategory = status is ExecutionStatus.Failed ? ErrorCategory.Timeout : null,
                ErrorMessage = status is ExecutionStatus.Failed ? "step 'probe' timed out after 30s" : null,
                OwnerId = ended ? null : Elsewhere, LeaseExpiresAt = ended ? null : now.AddDays(1),
                UpdatedAt = created,
            }));
        }

        await store.WriteAsync(writes);
        return counts;
    }

    /// <summary>The unfinished ones sit among the newest 2,000, where the people on call would look.</summary>
    private static ExecutionStatus StatusOf(int n, int count, Random random)
    {
        var roll = random.Next(1000);
        if (n >= count - 2000 && roll < 60)
        {
            return roll switch { < 20 => ExecutionStatus.WaitingApproval, < 40 => ExecutionStatus.Running, _ => ExecutionStatus.Paused };
        }

        return roll switch { < 850 => ExecutionStatus.Completed, < 930 => ExecutionStatus.Failed, < 970 => ExecutionStatus.Cancelled, _ => ExecutionStatus.RolledBack };
    }
}
