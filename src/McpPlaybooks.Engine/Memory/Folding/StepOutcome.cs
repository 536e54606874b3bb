namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>One step's part of a <see cref="FoldOutcome"/>: 0 or 1 in each count.</summary>
internal sealed record StepOutcome(string Id, int Runs, int Completed, int Failed, int Skipped, int Flaky);
