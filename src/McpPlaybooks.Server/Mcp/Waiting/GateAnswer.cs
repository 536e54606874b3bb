namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>What the user answered in the chat about a gate: a decision (with a comment), or nothing (declined, dismissed, no answer in time).</summary>
internal sealed record GateAnswer(bool? Approve, string? Comment, string Outcome);
