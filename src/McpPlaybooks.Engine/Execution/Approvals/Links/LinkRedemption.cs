using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>
/// What using a link did. <see cref="LinkStatus.Open"/> with a <see cref="State"/> means the decision was recorded;
/// any other outcome recorded nothing, and <see cref="Message"/> says why and what to do.
/// </summary>
public sealed record LinkRedemption(bool Decided, LinkStatus Status, string Message, ExecutionState? State = null, LinkLookup? Lookup = null);
