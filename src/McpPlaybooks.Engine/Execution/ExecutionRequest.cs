using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>What to run: a loaded playbook, its text (pinned in history), bound inputs, and how.</summary>
public sealed record ExecutionRequest
{
    public required PlaybookDefinition Playbook { get; init; }

    /// <summary>The playbook's text, stored as the version the execution is pinned to.</summary>
    public required string Content { get; init; }

    /// <summary>Where the text came from (a path), for people.</summary>
    public string? Source { get; init; }

    /// <summary>The inputs, already checked by <see cref="InputBinder"/>, defaults included.</summary>
    public IReadOnlyDictionary<string, Value> Inputs { get; init; } = new Dictionary<string, Value>();

    /// <summary>The incident that prompted the run (the <c>incident</c> root); null when none.</summary>
    public Value Incident { get; init; } = Value.Null;

    /// <summary>Walk the playbook and return the plan, touching nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Pass the approval gates the starter may decide, recording them as the approver (the CLI's <c>--auto-approve</c>):
    /// gates with no approver list, and gates whose approvers name <see cref="AutoApprover"/>; never a separate-approver gate.
    /// </summary>
    public bool AutoApprove { get; init; }

    /// <summary>Who auto-approve decides as, as their channel vouches for them; null: the starter's identity only, with no name or role.</summary>
    public Approvals.ApproverIdentity? AutoApprover { get; init; }

    /// <summary>The identity that starts it.</summary>
    public string StartedBy { get; init; } = "unknown";

    /// <summary>The same key returns the same execution, whatever its state (design §3, Idempotency).</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The execution whose <c>playbook</c> step started this one; null for a top-level execution.</summary>
    public string? ParentExecutionId { get; init; }

    /// <summary>0 for a top-level execution; a child's is its parent's plus one.</summary>
    public int Depth { get; init; }

    /// <summary>The execution this one replays; null otherwise.</summary>
    public string? ReplayOf { get; init; }
}
