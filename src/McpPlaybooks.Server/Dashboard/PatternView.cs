namespace McpPlaybooks.Server.Dashboard;

/// <summary>An error pattern of the learning memory: failed attempts whose messages differ only in numbers, ids and paths (texts masked).</summary>
internal sealed record PatternView(string PlaybookId, string StepId, string? Category, string Pattern, int Count, DateTimeOffset LastSeen);
