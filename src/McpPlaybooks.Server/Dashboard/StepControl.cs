namespace McpPlaybooks.Server.Dashboard;

/// <summary>The step controls the page offers for one step (<c>retry_step</c>, <c>skip_step</c>), as the engine's control rules allow them now.</summary>
internal sealed record StepControl(string StepId, string Status, IReadOnlyList<string> Actions);
