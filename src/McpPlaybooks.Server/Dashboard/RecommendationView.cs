namespace McpPlaybooks.Server.Dashboard;

/// <summary>A recommendation of the learning memory: its kind, where it applies, and its sentence (with the numbers behind it).</summary>
internal sealed record RecommendationView(string Kind, string PlaybookId, string? StepId, string Text);
