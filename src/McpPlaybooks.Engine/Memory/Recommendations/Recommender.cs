using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Memory.Recommendations;

/// <summary>
/// The recommendation rules, pure functions over a playbook's metrics, its retry figures and (when known) its current
/// definition. The rules that compare with the definition (timeouts) are left out without it.
/// </summary>
internal static class Recommender
{
    /// <param name="engineDefault">The engine's attempt timeout, for steps whose playbook sets none (<see cref="TimeoutRule"/>).</param>
    public static IEnumerable<Recommendation> For(PlaybookMetrics playbook, IEnumerable<RetryEffectiveness> retries, PlaybookDefinition? definition, TimeSpan engineDefault)
    {
        var all = SuccessRateRule.Apply(playbook, definition)
            .Concat(RetryRule.Apply(retries.Where(r => r.PlaybookId == playbook.PlaybookId), definition))
            .Concat(SkippedStepRule.Apply(playbook));
        if (definition is null)
        {
            return all;
        }

        // With the definition, only steps it still has.
        var steps = definition.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return TimeoutRule.Apply(playbook, definition, engineDefault).Concat(all).Where(r => r.StepId is null || steps.Contains(r.StepId));
    }
}
