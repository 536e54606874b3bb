using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// A dry run's <c>would_fail</c>: every finding of its plans, each naming its step or finally call. Only the steps'
/// findings fail the dry run: a failed <c>finally</c> call never changes a real run's status, so one that would fail is
/// reported and the dry run still completes.
/// </summary>
internal static class DryRunFindings
{
    public static IReadOnlyList<string> Of(IEnumerable<StepState> steps, IEnumerable<FinallyResult> finallyCalls) =>
    [
        .. OfSteps(steps),
        .. finallyCalls.SelectMany(f => (f.Plan?.WouldFail ?? []).Select(reason => $"finally '{f.Id}': {reason}")),
    ];

    /// <summary>What the steps would fail on: what a real run would fail on.</summary>
    public static IReadOnlyList<string> OfSteps(IEnumerable<StepState> steps) =>
        [.. steps.SelectMany(s => (s.Plan?.WouldFail ?? []).Select(reason => $"step '{s.Id}': {reason}"))];
}
