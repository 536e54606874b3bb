namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>
/// The SQL condition "this failed step was only refused by an open circuit breaker": it made attempts, and none of its
/// failed attempts is anything but a refusal (no call was made), as the engine recorded each with the attempt
/// (<c>refused_by_breaker</c>, never its message). Read by the run's verdict (<see cref="RunVerdict"/>) and by each step's
/// outcome (<see cref="FoldSql.SelectSteps"/>), so both say the same of one step.
/// </summary>
internal static class BreakerRefusedSql
{
    /// <summary>The condition over the step state aliased <paramref name="step"/> (its status is not checked).</summary>
    public static string OnlyRefused(string step) => $"""
        ({step}.attempts > 0 AND NOT EXISTS (
            SELECT 1 FROM step_attempts t WHERE t.execution_id = {step}.execution_id AND t.step_id = {step}.step_id AND t.kind = 'step'
                AND t.status = 'failed' AND t.refused_by_breaker = 0))
        """;
}
