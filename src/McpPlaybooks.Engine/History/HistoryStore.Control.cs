using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History;

/// <summary>Gates and their decisions, signals, control requests and the lifecycle statuses of playbook versions.</summary>
public sealed partial class HistoryStore
{
    /// <summary>The execution's gates (one per gated step, the latest reaching of it), in the order they were reached.</summary>
    public Task<IReadOnlyList<ApprovalRecord>> GetApprovalsAsync(string executionId, CancellationToken cancellationToken) =>
        Read().GetApprovalsAsync(executionId, cancellationToken);

    /// <summary>The decisions on the execution's gates, oldest first (those cleared by a <see cref="HistoryWrite.SaveApproval"/> excluded).</summary>
    public Task<IReadOnlyList<ApprovalDecisionRecord>> GetDecisionsAsync(string executionId, CancellationToken cancellationToken) =>
        Read().GetDecisionsAsync(executionId, cancellationToken);

    /// <summary>Every pending gate of every execution, oldest first (to restore their deadlines after a restart).</summary>
    public Task<IReadOnlyList<ApprovalRecord>> ListPendingApprovalsAsync(CancellationToken cancellationToken) =>
        Read().ListPendingApprovalsAsync(cancellationToken);

    /// <summary>The signals sent to the execution, oldest first; only those no step consumed yet when <paramref name="unconsumedOnly"/>.</summary>
    public Task<IReadOnlyList<SignalRecord>> GetSignalsAsync(string executionId, bool unconsumedOnly, CancellationToken cancellationToken) =>
        Read().GetSignalsAsync(executionId, unconsumedOnly, cancellationToken);

    /// <summary>
    /// Appends a signal in its own transaction and returns its id (the store assigns it; <see cref="SignalRecord.Id"/> is ignored).
    /// Faults with <see cref="HistoryWriteException"/>, for example when the execution does not exist.
    /// </summary>
    public Task<long> AppendSignalAsync(SignalRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return AppendAsync(new HistoryWrite.AppendSignal(record), cancellationToken);
    }

    /// <summary>
    /// Appends a control request in its own transaction and returns its id (the store assigns it; <see cref="ControlRequestRecord.Id"/>
    /// is ignored). Faults with <see cref="HistoryWriteException"/>, for example when the execution does not exist.
    /// </summary>
    public Task<long> AppendControlRequestAsync(ControlRequestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return AppendAsync(new HistoryWrite.AppendControlRequest(record), cancellationToken);
    }

    /// <summary>The unhandled control requests of the executions <paramref name="ownerId"/> owns, oldest first.</summary>
    public Task<IReadOnlyList<ControlRequestRecord>> GetPendingControlRequestsAsync(string ownerId, CancellationToken cancellationToken) =>
        Read().GetPendingControlRequestsAsync(ownerId, cancellationToken);

    /// <summary>One control request by id (to learn whether and how it was handled), or null.</summary>
    public Task<ControlRequestRecord?> GetControlRequestAsync(long id, CancellationToken cancellationToken) =>
        Read().GetControlRequestAsync(id, cancellationToken);

    /// <summary>The lifecycle status of a playbook version, or null when none was ever set.</summary>
    public Task<PlaybookStatusRecord?> GetPlaybookStatusAsync(string playbookId, string version, CancellationToken cancellationToken) =>
        Read().GetPlaybookStatusAsync(playbookId, version, cancellationToken);

    /// <summary>The lifecycle statuses of every version of the playbook, in the order they were last changed.</summary>
    public Task<IReadOnlyList<PlaybookStatusRecord>> ListPlaybookStatusesAsync(string playbookId, CancellationToken cancellationToken) =>
        Read().ListPlaybookStatusesAsync(playbookId, cancellationToken);

    /// <summary>The lifecycle statuses recorded for any version of these playbooks, in one query (for a page of the catalogue).</summary>
    public Task<IReadOnlyList<PlaybookStatusRecord>> ListPlaybookStatusesAsync(IReadOnlyList<string> playbookIds, CancellationToken cancellationToken) =>
        Read().ListPlaybookStatusesAsync(playbookIds, cancellationToken);

    /// <summary>Runs one insert in its own transaction and returns the id SQLite gave the row.</summary>
    private Task<long> AppendAsync(HistoryWrite write, CancellationToken cancellationToken) =>
        Writer(cancellationToken).ExecuteAsync(WriteStatements.Describe(write), statements =>
        {
            statements.Apply(write);
            return statements.LastInsertId;
        });
}
