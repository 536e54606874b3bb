using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// Whether retries help: of the <paramref name="Trials"/> attempts number <paramref name="Attempt"/> (2 or more) that
/// followed a failed attempt of category <paramref name="AfterCategory"/>, <paramref name="Successes"/> completed.
/// Attempts refused by an open circuit breaker are no trials (no call was made), and a refused attempt is passed over
/// to find the failure a later attempt retried. A manual <c>retry_step</c> continues the step's attempt numbers, so
/// its attempts count here too, as trials after the failure that ended the execution.
/// </summary>
public sealed record RetryEffectiveness(
    string PlaybookId,
    string StepId,
    string? Target,
    ErrorCategory AfterCategory,
    int Attempt,
    int Trials,
    int Successes,
    double Rate);
