namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// One step of one playbook over finished executions. <paramref name="Runs"/> counts executions where the step ran
/// (at least one attempt); <paramref name="Completed"/> and <paramref name="Failed"/> count only those;
/// <paramref name="Skipped"/> counts executions where its <c>when</c> skipped it (not those where it was blocked because
/// a step it needs failed). <paramref name="SuccessRate"/> is Completed / (Completed + Failed). Durations are per attempt, from log-scaled histograms (about 7% precision).
/// <paramref name="Timeouts"/> counts attempts that failed with category <c>timeout</c>.
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
    IReadOnlyList<CategoryCount> ErrorCategories);
