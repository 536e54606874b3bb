namespace McpPlaybooks.Server.Dashboard;

/// <summary>A target (host or executable) whose open breaker refused calls: its attempts, failures and refusals, and the last refusal.</summary>
internal sealed record RefusedTargetView(string Target, int Attempts, int Failures, int Refusals, DateTimeOffset? LastRefusedAt);
