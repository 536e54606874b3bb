namespace McpPlaybooks.Engine.Memory;

/// <summary>One recommendation: a plain sentence with the numbers behind it, and those numbers by name.</summary>
public sealed record Recommendation(
    RecommendationKind Kind,
    string PlaybookId,
    string? StepId,
    string Text,
    IReadOnlyDictionary<string, double> Evidence);
