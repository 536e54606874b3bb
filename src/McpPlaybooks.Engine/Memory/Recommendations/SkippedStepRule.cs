using System.Globalization;

namespace McpPlaybooks.Engine.Memory.Recommendations;

/// <summary>A step nearly always skipped (see <see cref="RecommendationThresholds"/>).</summary>
internal static class SkippedStepRule
{
    public static IEnumerable<Recommendation> Apply(PlaybookMetrics playbook) =>
        playbook.Steps
            .Select(s => (Step: s, Executions: s.Runs + s.Skipped))
            .Where(s => s.Executions >= RecommendationThresholds.SkippedMinExecutions
                && s.Step.Skipped >= RecommendationThresholds.SkippedMinShare * s.Executions)
            .Select(s => new Recommendation(
                RecommendationKind.RarelyRunStep,
                playbook.PlaybookId,
                s.Step.StepId,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"`{s.Step.StepId}` was skipped in {s.Step.Skipped} of {s.Executions} runs: check its `when` condition, or remove the step"),
                new Dictionary<string, double> { ["skipped"] = s.Step.Skipped, ["runs"] = s.Executions }));
}
