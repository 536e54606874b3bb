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
}
