namespace McpPlaybooks.Engine.Memory;

/// <summary>The answer of <see cref="LearningMemory.GetInsightsAsync(InsightsQuery, Func{string, Definitions.PlaybookDefinition?}?, CancellationToken)"/>; every list is bounded by the query's limit.</summary>
/// <param name="Search">The hits of the query's words; null when the query had none.</param>
public sealed record InsightsReport(
    IReadOnlyList<ErrorPattern> Patterns,
    IReadOnlyList<RetryEffectiveness> Retries,
    IReadOnlyList<FlakyStep> FlakySteps,
    IReadOnlyList<TargetMetrics> OpenedBreakers,
    IReadOnlyList<SuccessfulInputs> LastSuccessfulInputs,
    IReadOnlyList<Recommendation> Recommendations,
    IReadOnlyList<SearchHit>? Search);
