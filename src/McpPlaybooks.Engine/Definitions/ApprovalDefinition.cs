using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>A human gate: who may approve, how many must, and what happens when nobody does.</summary>
public sealed record ApprovalDefinition
{
    public ValueTemplate? Message { get; init; }

    /// <summary>Identities or roles; empty means anyone may approve.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    public int MinApprovals { get; init; } = 1;

    public TimeSpan? Timeout { get; init; }

    public ApprovalTimeoutDecision OnTimeout { get; init; } = ApprovalTimeoutDecision.Reject;

    public bool? SeparateApprover { get; init; }

    /// <summary>Where to post the gate's one-time approval link when it opens; null when nowhere.</summary>
    public ApprovalNotifyDefinition? Notify { get; init; }

    public MappingNode? Node { get; init; }
}
