using System.Globalization;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Memory.Recommendations;

/// <summary>
/// A playbook with a low success rate, overall or for one incident type (see <see cref="RecommendationThresholds"/>). An
/// incident type is named only when it is an identifier (<see cref="IncidentTypeName.IsName"/>: the caller chose it), and
/// the advice to take it out of the triggers is given only when the definition declares it in <c>triggers[].type</c>.
/// </summary>
internal static class SuccessRateRule
{
    /// <param name="definition">The playbook's current definition, when known: its declared trigger types.</param>
    public static IEnumerable<Recommendation> Apply(PlaybookMetrics playbook, PlaybookDefinition? definition)
    {
        var decided = playbook.Completed + playbook.Failed + playbook.RolledBack;
        if (decided >= RecommendationThresholds.SuccessMinRuns && playbook.SuccessRate < RecommendationThresholds.SuccessMaxRate)
        {
            yield return new Recommendation(
                RecommendationKind.LowSuccessRate,
                playbook.PlaybookId,
                null,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"`{playbook.PlaybookId}` succeeded in {playbook.Completed} of {decided} runs: read its error patterns and fix the failing steps before relying on it"),
                new Dictionary<string, double> { ["completed"] = playbook.Completed, ["runs"] = decided });
        }

        foreach (var incident in playbook.IncidentTypes)
        {
            var type = incident.IncidentType;
            if (IncidentTypeName.IsName(type) && incident.Decided >= RecommendationThresholds.SuccessMinRuns && incident.SuccessRate < RecommendationThresholds.SuccessMaxRate)
            {
                var declared = definition?.Triggers.Any(t => t.Type.Any(d => IncidentTypeName.Normalize(d) == type)) == true;
                yield return new Recommendation(
                    RecommendationKind.LowSuccessForIncidentType,
                    playbook.PlaybookId,
                    null,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"`{playbook.PlaybookId}` succeeded in {incident.Completed} of {incident.Decided} runs for `{type}` incidents: prefer another playbook for them{(declared ? $", or take `{type}` out of its triggers" : "")}"),
                    new Dictionary<string, double> { ["completed"] = incident.Completed, ["runs"] = incident.Decided });
            }
        }
    }
}
