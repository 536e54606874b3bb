using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Writes;

/// <summary>
/// One change to the history. <see cref="HistoryStore.WriteAsync(IReadOnlyList{HistoryWrite})"/> commits a
/// list of them in one transaction, together with whatever other callers queued at the same time.
/// </summary>
public abstract record HistoryWrite
{
    private protected HistoryWrite()
    {
    }

    /// <summary>Stores a playbook version unless the same (id, version, hash) is already there.</summary>
    public sealed record SavePlaybookVersion(PlaybookVersionRecord Record) : HistoryWrite;

    /// <summary>Inserts or replaces an execution's row.</summary>
    public sealed record SaveExecution(ExecutionRecord Record) : HistoryWrite;

    /// <summary>Inserts or replaces a step's current state.</summary>
    public sealed record SaveStepState(StepStateRecord Record) : HistoryWrite;

    /// <summary>Inserts or replaces an attempt (same key: execution, step, kind, iteration, attempt).</summary>
    public sealed record SaveAttempt(StepAttemptRecord Record) : HistoryWrite;

    /// <summary>Appends a log line; its <see cref="ExecutionLogRecord.Id"/> is ignored and assigned by the store.</summary>
    public sealed record AppendLog(ExecutionLogRecord Record) : HistoryWrite;

    /// <summary>Appends to the audit trail; its <see cref="AuditRecord.Id"/> is assigned by the store.</summary>
    public sealed record AppendAudit(AuditRecord Record) : HistoryWrite;

    /// <summary>Inserts or replaces a gate (key: execution, step). Replacing it for a retried step also deletes its earlier decisions.</summary>
    public sealed record SaveApproval(ApprovalRecord Record, bool ClearDecisions = false) : HistoryWrite;

    /// <summary>Appends a decision on a gate.</summary>
    public sealed record AppendDecision(ApprovalDecisionRecord Record) : HistoryWrite;

    /// <summary>Appends a signal to an execution.</summary>
    public sealed record AppendSignal(SignalRecord Record) : HistoryWrite;

    /// <summary>
    /// Marks a signal consumed by a step's attempt (<paramref name="StepId"/>: its <c>StepAttempt.Key</c>), unless
    /// another consumed it first; <paramref name="TakenFrom"/>, the key of an attempt that never ended, lets this one take
    /// it over.
    /// </summary>
    public sealed record ConsumeSignal(long SignalId, string StepId, DateTimeOffset At, string? TakenFrom = null) : HistoryWrite;

    /// <summary>Appends a control request for the owner of an execution.</summary>
    public sealed record AppendControlRequest(ControlRequestRecord Record) : HistoryWrite;

    /// <summary>Marks a control request handled, with the refusal's message or null when applied.</summary>
    public sealed record CompleteControlRequest(long RequestId, DateTimeOffset At, string? Error) : HistoryWrite;

    /// <summary>Inserts or replaces the lifecycle status of a playbook version.</summary>
    public sealed record SavePlaybookStatus(PlaybookStatusRecord Record) : HistoryWrite;

    /// <summary>Inserts a caller's handle on an execution (an id already there is an error).</summary>
    public sealed record SaveHandle(ExecutionHandleRecord Record) : HistoryWrite;

    /// <summary>Deletes the handles whose time to live ended at or before <paramref name="Now"/>.</summary>
    public sealed record ForgetExpiredHandles(DateTimeOffset Now) : HistoryWrite;
}
