namespace McpPlaybooks.Server.Approvals.Review;

/// <summary>One line of a <see cref="GateSheet"/>: <c>Deadline</c> — <c>2026-12-05 10:00:00Z, then on_timeout: reject</c>.</summary>
internal sealed record GateFact(string Name, string Value);
