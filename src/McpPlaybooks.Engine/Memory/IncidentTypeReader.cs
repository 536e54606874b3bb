using System.Data.Common;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// Reads the incident types' aggregates per playbook. Types are read through <see cref="IncidentTypeName"/>: rows folded before
/// types were normalised count with their lower-case form, and a row whose type is not an identifier is left out (as a run
/// with no type is), so an answer never carries free text as a type.
/// </summary>
internal static class IncidentTypeReader
{
    /// <summary>By playbook, each playbook's types with the most runs first (ties by code point).</summary>
    public static async Task<ILookup<string, IncidentTypeMetrics>> ReadAsync(
        DbConnection connection, string filter, (string, object?)[] args, CancellationToken cancellationToken)
    {
        var rows = await MemorySql.QueryAsync(
            connection,
            $"SELECT playbook_id, incident_type, SUM(runs), SUM(completed), SUM(cancelled), SUM(rejected), SUM(refused) FROM memory_incident_days WHERE {filter} GROUP BY playbook_id, incident_type HAVING SUM(runs) > 0",
            r => (Playbook: r.GetString(0), Type: IncidentTypeName.Normalize(r.GetString(1)), Runs: r.Whole(2), Completed: r.Whole(3), Cancelled: r.Whole(4), Rejected: r.Whole(5), Refused: r.Whole(6)),
            cancellationToken,
            args).ConfigureAwait(false);
        return rows
            .Where(r => r.Type is not null)
            .GroupBy(r => (r.Playbook, Type: r.Type!))
            .Select(g => (g.Key.Playbook, Runs: g.Sum(r => r.Runs), Completed: g.Sum(r => r.Completed), Cancelled: g.Sum(r => r.Cancelled), Rejected: g.Sum(r => r.Rejected), Refused: g.Sum(r => r.Refused), g.Key.Type))
            .OrderByDescending(i => i.Runs).ThenBy(i => i.Type, StringComparer.Ordinal)
            .ToLookup(i => i.Playbook, i => new IncidentTypeMetrics(
                i.Type, (int)i.Runs, (int)i.Completed, (int)i.Cancelled, MemorySql.Rate(i.Completed, i.Runs - i.Cancelled - i.Rejected - i.Refused))
            {
                Rejected = (int)i.Rejected,
                BreakerRefused = (int)i.Refused,
            });
    }
}
