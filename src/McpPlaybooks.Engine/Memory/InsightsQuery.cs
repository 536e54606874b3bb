namespace McpPlaybooks.Engine.Memory;

/// <summary>What <see cref="LearningMemory.GetInsightsAsync(InsightsQuery, Func{string, Definitions.PlaybookDefinition?}?, CancellationToken)"/> covers.</summary>
public sealed record InsightsQuery
{
    /// <summary>Only this playbook; null for all.</summary>
    public string? PlaybookId { get; init; }

    /// <summary>Only this step (with <see cref="PlaybookId"/>, or of any playbook); null for all.</summary>
    public string? StepId { get; init; }

    /// <summary>Words to search in notes and error patterns (full text); null for no search.</summary>
    public string? Query { get; init; }

    /// <summary>The most items of each list (patterns, retry figures, recommendations, search hits...).</summary>
    public int Limit { get; init; } = 10;
}
