namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// One step of one playbook over finished executions. <paramref name="Runs"/> counts executions where the step ran
/// (an attempt that completed or failed, or an outcome of its own: a step whose only attempt was cancelled with its
/// execution is no run of it, as <paramref name="Attempts"/> leaves cancelled attempts out); <paramref name="Completed"/> and <paramref name="Failed"/> count only those, and a run whose
/// failed attempts were all refused by an open circuit breaker is not failed but <see cref="BreakerRefused"/>;
/// <paramref name="Skipped"/> counts executions where its <c>when</c> skipped it (not those where it was blocked because
/// a step it needs failed, nor those its gate's <c>on_timeout: skip</c> skipped: see <see cref="GateTimeouts"/>). <paramref name="SuccessRate"/> is Completed / (Completed + Failed). Durations are per attempt, from log-scaled histograms (about 7% precision).
/// <paramref name="Timeouts"/> counts attempts that failed with category <c>timeout</c>, whatever stopped them (a process
/// that printed "timed out" too); <see cref="StoppedByTimeout"/> only those the attempt's own timeout stopped, by its limit.
/// </summary>
public sealed record StepMetrics(
    string StepId,
    int Runs,
    int Completed,
    int Failed,
    int Skipped,
    int Attempts,
    double? SuccessRate,
    TimeSpan? DurationP50,
    TimeSpan? DurationP95,
    int Timeouts,
    IReadOnlyList<CategoryCount> ErrorCategories)
{
    /// <summary>The attempts the step's own timeout stopped, by the limit they had (smallest first): what the timeout rule reads.</summary>
    public IReadOnlyList<TimeoutCount> StoppedByTimeout { get; init; } = [];

    /// <summary>Runs in which the step failed only because an open circuit breaker refused its calls (no call was made): not in <see cref="Failed"/>.</summary>
    public int BreakerRefused { get; init; }

    /// <summary>Runs in which the step's approval gate timed out with no decision, whatever its <c>on_timeout</c> then did (failed, went on or skipped the step).</summary>
    public int GateTimeouts { get; init; }
}
