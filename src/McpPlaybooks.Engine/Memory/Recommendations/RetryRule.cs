using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Engine.Memory.Recommendations;

/// <summary>A category whose retries never recover for a step (see <see cref="RecommendationThresholds"/>).</summary>
internal static class RetryRule
{
    /// <param name="definition">When given, only the categories the step still retries on count.</param>
    public static IEnumerable<Recommendation> Apply(IEnumerable<RetryEffectiveness> retries, PlaybookDefinition? definition) =>
        retries
            .GroupBy(r => (r.PlaybookId, r.StepId, r.AfterCategory))
            .Select(g => (g.Key, Trials: g.Sum(r => r.Trials), Successes: g.Sum(r => r.Successes)))
            .Where(g => g.Trials >= RecommendationThresholds.RetryMinTrials && g.Successes == 0)
            .Where(g => definition is null || StillRetries(definition, g.Key.StepId, g.Key.AfterCategory))
            .OrderByDescending(g => g.Trials)
            .Select(g =>
            {
                var category = EnumNames.ToName(g.Key.AfterCategory);
                return new Recommendation(
                    RecommendationKind.DropRetryCategory,
                    g.Key.PlaybookId,
                    g.Key.StepId,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"retries on `{category}` never succeeded for `{g.Key.StepId}` (0 of {g.Trials}): drop it from retry_on"),
                    new Dictionary<string, double> { ["trials"] = g.Trials, ["successes"] = g.Successes });
            });

    private static bool StillRetries(PlaybookDefinition definition, string stepId, ErrorCategory category)
    {
        var step = definition.Steps.FirstOrDefault(s => s.Id == stepId);
        if (step is null)
        {
            return false;
        }

        var settings = RetrySettings.Resolve(step.Retry, definition.Defaults.Retry);
        return settings.MaxAttempts > 1 && settings.RetryOn.Contains(category);
    }
}
