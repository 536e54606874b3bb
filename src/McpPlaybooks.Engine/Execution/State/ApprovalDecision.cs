namespace McpPlaybooks.Engine.Execution.State;

/// <summary>One decision on a gate: who, approve or reject, when and why.</summary>
public sealed record ApprovalDecision(string Approver, bool Approved, DateTimeOffset At, string? Comment);
