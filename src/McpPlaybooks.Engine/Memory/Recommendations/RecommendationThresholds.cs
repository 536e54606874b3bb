namespace McpPlaybooks.Engine.Memory.Recommendations;

/// <summary>
/// The minimum samples and limits of the recommendation rules, so that a rule speaks only on enough evidence:
/// <list type="bullet">
/// <item><see cref="TimeoutRule"/>: at least <see cref="TimeoutMinAttempts"/> attempts of the step, and either at least
/// <see cref="TimeoutMinTimeouts"/> timeouts making <see cref="TimeoutMinShare"/> of the attempts, or a p95 at or over the
/// timeout. Suggests the next round duration at or over twice the timeout and 1.5 × the p95.</item>
/// <item><see cref="RetryRule"/>: at least <see cref="RetryMinTrials"/> retries after failures of one category, none of
/// which succeeded.</item>
/// <item><see cref="SkippedStepRule"/>: the step was in at least <see cref="SkippedMinExecutions"/> finished executions and
/// skipped in at least <see cref="SkippedMinShare"/> of them.</item>
/// <item><see cref="SuccessRateRule"/>: at least <see cref="SuccessMinRuns"/> decided runs (completed, failed or rolled
/// back; cancelled ones say nothing), overall or for one incident type, with a success rate under
/// <see cref="SuccessMaxRate"/>.</item>
/// </list>
/// </summary>
internal static class RecommendationThresholds
{
    public const int TimeoutMinAttempts = 5;
    public const int TimeoutMinTimeouts = 2;
    public const double TimeoutMinShare = 0.1;
    public const int RetryMinTrials = 5;
    public const int SkippedMinExecutions = 10;
    public const double SkippedMinShare = 0.9;
    public const int SuccessMinRuns = 5;
    public const double SuccessMaxRate = 0.5;
}
