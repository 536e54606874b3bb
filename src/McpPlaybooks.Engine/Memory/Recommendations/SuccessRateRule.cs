using System.Globalization;

namespace McpPlaybooks.Engine.Memory.Recommendations;

/// <summary>A playbook with a low success rate, overall or for one incident type (see <see cref="RecommendationThresholds"/>).</summary>
internal static class SuccessRateRule
{
    public static IEnumerable<Recommendation> Apply(PlaybookMetrics playbook)
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
            if (incident.Decided >= RecommendationThresholds.SuccessMinRuns && incident.SuccessRate < RecommendationThresholds.SuccessMaxRate)
            {
                yield return new Recommendation(
                    RecommendationKind.LowSuccessForIncidentType,
                    playbook.PlaybookId,
                    null,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"`{playbook.PlaybookId}` succeeded in {incident.Completed} of {incident.Decided} runs for `{incident.IncidentType}` incidents: prefer another playbook for them, or take `{incident.IncidentType}` out of its triggers"),
                    new Dictionary<string, double> { ["completed"] = incident.Completed, ["runs"] = incident.Decided });
            }
        }
    }
}
