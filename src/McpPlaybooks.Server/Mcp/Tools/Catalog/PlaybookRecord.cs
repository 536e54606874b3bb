using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Memory;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>
/// A playbook's track record: how its finished real runs ended, from the learning memory's aggregates (all of its history,
/// however long; cancelled runs, runs turned down at a gate and runs refused by an open breaker do not count in the
/// success rate, nor in <c>failed</c>), plus what the memory does not keep, read from its
/// latest 500 executions: runs still going, dry runs, the last real run and the last five executions.
/// </summary>
internal sealed record PlaybookRecord(int Runs, int Completed, int Failed, int Active, int DryRuns, double? SuccessRate, ExecutionRecord? LastRun, IReadOnlyList<ExecutionRecord> Recent)
{
    private const int Window = 500;

    /// <summary>Finished runs that failed only because people turned a gate down.</summary>
    public int Rejected { get; init; }

    /// <summary>Finished runs whose failed steps were only refused by an open circuit breaker.</summary>
    public int BreakerRefused { get; init; }

    public static async Task<PlaybookRecord> LoadAsync(PlaybookEngine engine, string playbookId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var metrics = await engine.Memory.GetMetricsAsync(new MetricsQuery { PlaybookId = playbookId }, cancellationToken).ConfigureAwait(false);
        var finished = metrics.Playbooks.FirstOrDefault(p => p.PlaybookId == playbookId);
        var page = await engine.History.ListExecutionsAsync(new ExecutionQuery { PlaybookId = playbookId, Limit = Window }, cancellationToken).ConfigureAwait(false);
        var real = page.Executions.Where(e => !e.DryRun).ToList();
        var active = real.Count(e => !ExecutionStatuses.IsFinal(e.Status));
        return new PlaybookRecord(
            (finished?.Runs ?? 0) + active,
            finished?.Completed ?? 0,
            (finished?.Failed ?? 0) + (finished?.RolledBack ?? 0),
            active,
            page.Executions.Count - real.Count,
            finished?.SuccessRate is { } rate ? Math.Round(rate, 2) : null,
            real.FirstOrDefault(),
            [.. page.Executions.Take(5)])
        {
            Rejected = finished?.Rejected ?? 0,
            BreakerRefused = finished?.BreakerRefused ?? 0,
        };
    }

    /// <summary>The history part of <c>get_playbook</c>: counts, the last real run, and the last five executions (dry runs too).</summary>
    public JsonObject ToJson()
    {
        var last = LastRun;
        return new JsonObject
        {
            ["runs"] = Runs,
            ["completed"] = Completed,
            ["failed"] = Failed,
            ["rejected"] = Rejected,
            ["breaker_refused"] = BreakerRefused,
            ["active"] = Active,
            ["dry_runs"] = DryRuns,
            ["success_rate"] = SuccessRate,
            ["last_run_at"] = last is null ? null : Time(last.StartedAt ?? last.CreatedAt),
            ["last_status"] = last is null ? null : EnumNames.ToName(last.Status),
            ["recent"] = new JsonArray([.. Recent.Select(e => (JsonNode)new JsonObject
            {
                ["execution_id"] = e.Id,
                ["version"] = e.PlaybookVersion,
                ["status"] = EnumNames.ToName(e.Status),
                ["dry_run"] = e.DryRun,
            })]),
        };
    }

    private static string? Time(DateTimeOffset at) => Executions.ListExecutionsTool.Time(at);
}
