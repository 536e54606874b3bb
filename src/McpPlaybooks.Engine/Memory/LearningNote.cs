namespace McpPlaybooks.Engine.Memory;

/// <summary>A note stored in the memory by a caller (<c>record_learning</c>).</summary>
public sealed record LearningNote(
    string Id,
    string Text,
    IReadOnlyList<string> Tags,
    string? PlaybookId,
    string? ExecutionId,
    string Author,
    DateTimeOffset CreatedAt);
