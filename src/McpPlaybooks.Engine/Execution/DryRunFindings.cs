using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution;

/// <summary>A dry run's <c>would_fail</c>: every finding of its plans, each naming its step or finally call.</summary>
internal static class DryRunFindings
{
    public static IReadOnlyList<string> Of(IEnumerable<StepState> steps, IEnumerable<FinallyResult> finallyCalls) =>
    [
        .. steps.SelectMany(s => (s.Plan?.WouldFail ?? []).Select(reason => $"step '{s.Id}': {reason}")),
        .. finallyCalls.SelectMany(f => (f.Plan?.WouldFail ?? []).Select(reason => $"finally '{f.Id}': {reason}")),
    ];
}
