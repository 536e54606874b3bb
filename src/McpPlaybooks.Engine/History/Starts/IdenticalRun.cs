namespace McpPlaybooks.Engine.History.Starts;

/// <summary>The run an identical-run check compares with: playbook content hash, inputs and incident as stored (masked).</summary>
internal sealed record IdenticalRun(string Sha256, string InputsJson, string? IncidentJson);
