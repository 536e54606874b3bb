namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>Why the engine refused a request; each kind is something the caller can fix.</summary>
public enum RefusalKind
{
    UnknownExecution,
    UnknownStep,
    InvalidTransition,
    NoPendingGate,
    ApproverNotAllowed,
    AlreadyDecided,
    Guardrail,
    PlaybookNotRunnable,
    UnknownPlaybook,
    InvalidRequest,
    OwnerDidNotAnswer,

    /// <summary>An idempotency key already started an execution of another request (playbook, version, inputs, incident or dry_run).</summary>
    IdempotencyConflict,

    /// <summary>A decision from a channel that does not show a person (an assistant with no identity) on a gate that counts only people.</summary>
    ApproverUnverified,
}
