namespace McpPlaybooks.Engine.Memory;

/// <summary>A warning from a playbook's past for <c>validate_playbook</c>; <paramref name="StepId"/> is null for the whole playbook.</summary>
public sealed record HistoryWarning(RecommendationKind Kind, string? StepId, string Message);
