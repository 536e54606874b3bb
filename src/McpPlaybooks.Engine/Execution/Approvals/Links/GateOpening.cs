namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>A gate was reached and waits for people (told to whoever listens through <see cref="ApprovalLinks.OnGateOpened"/>).</summary>
public sealed record GateOpening(string ExecutionId, string StepId, string PlaybookId, string PlaybookVersion, string Message, GateNotice? Notice);
