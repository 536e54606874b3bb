using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>
/// A playbook's track record from the history (its latest 500 executions): real runs, how they ended, and the success
/// rate (completed over ended real runs; null before the first one ends). Dry runs are counted apart.
/// </summary>
internal sealed record PlaybookRecord(int Runs, int Completed, int Failed, int Active, int DryRuns, ExecutionRecord? LastRun, IReadOnlyList<ExecutionRecord> Recent)
{
    private const int Window = 500;

    /// <summary>Completed over ended real runs, rounded to 2 decimals; null when no real run has ended.</summary>
    public double? SuccessRate => Ended == 0 ? null : Math.Round((double)Completed / Ended, 2);

    private int Ended => Runs - Active;

    public static async Task<PlaybookRecord> LoadAsync(HistoryStore history, string playbookId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var page = await history.ListExecutionsAsync(new ExecutionQuery { PlaybookId = playbookId, Limit = Window }, cancellationToken).ConfigureAwait(false);
        var real = page.Executions.Where(e => !e.DryRun).ToList();
        return new PlaybookRecord(
            real.Count,
            real.Count(e => e.Status == ExecutionStatus.Completed),
            real.Count(e => e.Status is ExecutionStatus.Failed or ExecutionStatus.RolledBack),
            real.Count(e => !ExecutionStatuses.IsFinal(e.Status)),
            page.Executions.Count - real.Count,
            real.FirstOrDefault(),
            [.. page.Executions.Take(5)]);
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
