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
}
