namespace McpPlaybooks.Engine.Memory;

/// <summary>A step that failed at least once and then completed in <paramref name="FlakyRuns"/> of its <paramref name="Runs"/> runs.</summary>
public sealed record FlakyStep(string PlaybookId, string StepId, int Runs, int FlakyRuns, double Rate);
