namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>A link just issued: its token (shown once, to be delivered to a person; only its hash is kept) and the gate it decides.</summary>
public sealed record IssuedLink(string Token, string ExecutionId, string StepId, DateTimeOffset GateOpenedAt);
