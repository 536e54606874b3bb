using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// Whether retries help: of the <paramref name="Trials"/> attempts number <paramref name="Attempt"/> (2 or more) that
/// followed a failed attempt of category <paramref name="AfterCategory"/>, <paramref name="Successes"/> completed.
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
