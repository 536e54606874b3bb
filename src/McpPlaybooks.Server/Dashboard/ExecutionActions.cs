namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// What a person may do about an execution beyond its own controls: its waiting gates (<see cref="GatePanel"/>), the step
/// controls (retry or skip a failed, interrupted or cancelled step; operators only), and for a caller who may not decide
/// gates a sentence on who may.
/// </summary>
internal sealed record ExecutionActions(IReadOnlyList<GatePanel> Gates, IReadOnlyList<StepControl> StepControls, string? DecideNote);
