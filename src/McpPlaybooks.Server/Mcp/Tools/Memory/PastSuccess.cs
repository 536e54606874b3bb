using System.Globalization;
using McpPlaybooks.Engine.Memory;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>
/// A playbook's past success for ranking (<c>list_playbooks</c> with an incident): its completed runs over its finished
/// real runs, smoothed by a Beta(2,2) prior, <c>(completed + 2) / (runs + 4)</c>, so that a playbook never run scores 0.5
/// (neither buried nor promoted), one success 0.6, and 0 of 5 runs 0.22. When the incident names a <c>type</c> the
/// playbook has runs for, those runs are counted instead of all of them: types compared as the memory keeps them
/// (<see cref="IncidentTypeName"/>: trimmed, lower-case), the runs of every type the incident names summed. A cancelled
/// run is not counted (neither success nor failure), as in the success rate, nor is one turned down at a gate or refused by
/// an open breaker.
/// </summary>
/// <param name="Value">The smoothed rate, 0 to 1, rounded to 2 decimals.</param>
/// <param name="Completed">The completed runs counted.</param>
/// <param name="Runs">The finished runs counted: completed, failed or rolled back.</param>
/// <param name="IncidentType">The incident type whose runs were counted (several joined with " or "); null for all runs.</param>
internal sealed record PastSuccess(double Value, int Completed, int Runs, string? IncidentType)
{
    /// <summary>The prior's pseudo-counts: 2 successes and 2 failures.</summary>
    public const double PriorSuccesses = 2, PriorFailures = 2;

    /// <summary>The past success from <paramref name="record"/> (null: never finished a run), for an incident of these types.</summary>
    public static PastSuccess Of(PlaybookTrackRecord? record, IReadOnlyList<string> incidentTypes)
    {
        ArgumentNullException.ThrowIfNull(incidentTypes);
        if (record is null)
        {
            return Smoothed(0, 0, null);
        }

        var wanted = incidentTypes.Select(IncidentTypeName.Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var byType = record.IncidentTypes.Where(t => wanted.Contains(t.IncidentType) && t.Decided > 0).ToList();
        return byType.Count > 0
            ? Smoothed(byType.Sum(t => t.Completed), byType.Sum(t => t.Decided), string.Join(" or ", byType.Select(t => t.IncidentType)))
            : Smoothed(record.Completed, record.Decided, null);
    }

    /// <summary>Why: <c>past success 0.22: 0 of 5 runs completed (Beta(2,2) prior)</c>.</summary>
    public string Reason() => Runs == 0
        ? string.Create(CultureInfo.InvariantCulture, $"past success {Value}: no finished run yet (prior)")
        : string.Create(CultureInfo.InvariantCulture, $"past success {Value}: {Completed} of {Runs} runs completed{(IncidentType is null ? "" : $" for {IncidentType} incidents")}");

    private static PastSuccess Smoothed(int completed, int runs, string? type) =>
        new(Math.Round((completed + PriorSuccesses) / (runs + PriorSuccesses + PriorFailures), 2), completed, runs, type);
}
