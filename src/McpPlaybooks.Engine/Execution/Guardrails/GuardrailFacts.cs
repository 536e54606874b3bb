namespace McpPlaybooks.Engine.Execution.Guardrails;

/// <summary>
/// What the guardrails need to know about a playbook's past runs, gathered by the caller (from history and memory).
/// </summary>
/// <param name="StartsInLastHour">When each real execution of the playbook started, over the last hour (any order).</param>
/// <param name="ActiveExecutionIds">The playbook's real executions that have not ended (parked ones included).</param>
/// <param name="LastMatchingDryRun">When the latest successful dry run of the same version and inputs ended; null when none.</param>
internal sealed record GuardrailFacts(
    IReadOnlyList<DateTimeOffset> StartsInLastHour,
    IReadOnlyList<string> ActiveExecutionIds,
    DateTimeOffset? LastMatchingDryRun)
{
    public static GuardrailFacts None { get; } = new([], [], null);
}
