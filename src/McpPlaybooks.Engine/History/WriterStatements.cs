using System.Data.Common;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Rows;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Starts;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Memory.Folding;

namespace McpPlaybooks.Engine.History;

/// <summary>The writer's statements, each prepared once on the writer's connection (see <see cref="CachedStatement{TRow}"/>).</summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;
    private readonly DbCommand _begin;
    private readonly DbCommand _commit;
    private readonly CachedStatement<PlaybookVersionRow> _playbookVersion;
    private readonly CachedStatement<ExecutionRow> _execution;
    private readonly CachedStatement<StepStateRow> _stepState;
    private readonly CachedStatement<StepAttemptRow> _attempt;
    private readonly CachedStatement<LogRow> _log;
    private readonly CachedStatement<AuditRow> _audit;
    private readonly CachedStatement<ApprovalRow> _approval;
    private readonly CachedStatement<ApprovalRow> _clearDecisions;
    private readonly CachedStatement<ApprovalDecisionRow> _decision;
    private readonly CachedStatement<SignalRow> _signal;
    private readonly CachedStatement<SignalConsumptionRow> _consumeSignal;
    private readonly CachedStatement<ControlRequestRow> _controlRequest;
    private readonly CachedStatement<ControlRequestCompletionRow> _completeControlRequest;
    private readonly CachedStatement<ControlRequestRow>? _wakeOwner;
    private readonly CachedStatement<ControlRequestCompletionRow>? _wakeRequester;
    private readonly CachedStatement<PlaybookStatusRow> _playbookStatus;
    private readonly CachedStatement<ExecutionHandleRow> _handle;
    private readonly CachedStatement<HandleExpiryRow> _forgetHandles;
    private readonly CachedStatement<LeaseRow> _claim;
    private readonly CachedStatement<LeaseRow> _claimAny;
    private readonly DbCommand _claimBatch;
    private readonly CachedStatement<LeaseRow> _renew;
    private readonly CachedStatement<LeaseRow> _release;
    private readonly CachedStatement<LeaseRow> _releaseAll;
    private readonly CachedStatement<LeaseRow> _fence;
    private readonly DbCommand _leaseOf;
    private readonly MemoryFolder _folder;
    private readonly StartChecks _starts;
    private readonly List<ExecutionRecord> _finished = [];

    public WriterStatements(DbConnection connection, SqlDialect dialect)
    {
        _connection = connection;
        _dialect = dialect;
        _begin = connection.Command(dialect.BeginWrite);
        _commit = connection.Command(dialect.CommitWrite);
        _playbookVersion = new(connection, WriteStatements.SavePlaybookVersion, PlaybookVersionRow.Parameters);
        _execution = new(connection, WriteStatements.SaveExecution, ExecutionRow.Parameters);
        _stepState = new(connection, WriteStatements.SaveStepState, StepStateRow.Parameters);
        _attempt = new(connection, WriteStatements.SaveAttempt, StepAttemptRow.Parameters);
        _log = new(connection, WriteStatements.AppendLog, LogRow.Parameters);
        _audit = new(connection, WriteStatements.AppendAudit, AuditRow.Parameters);
        _approval = new(connection, WriteStatements.SaveApproval, ApprovalRow.Parameters);
        _clearDecisions = new(connection, WriteStatements.ClearDecisions, ApprovalRow.Parameters);
        _decision = new(connection, WriteStatements.AppendDecision, ApprovalDecisionRow.Parameters);
        _signal = new(connection, WriteStatements.AppendSignal, SignalRow.Parameters);
        _consumeSignal = new(connection, WriteStatements.ConsumeSignal, SignalConsumptionRow.Parameters);
        _controlRequest = new(connection, WriteStatements.AppendControlRequest, ControlRequestRow.Parameters);
        _completeControlRequest = new(connection, WriteStatements.CompleteControlRequest, ControlRequestCompletionRow.Parameters);
        _wakeOwner = dialect.WakeOwner is { } wake ? new(connection, wake, ControlRequestRow.Parameters) : null;
        _wakeRequester = dialect.WakeRequester is { } handled ? new(connection, handled, ControlRequestCompletionRow.Parameters) : null;
        _playbookStatus = new(connection, WriteStatements.SavePlaybookStatus, PlaybookStatusRow.Parameters);
        _handle = new(connection, WriteStatements.SaveHandle, ExecutionHandleRow.Parameters);
        _forgetHandles = new(connection, WriteStatements.ForgetExpiredHandles, HandleExpiryRow.Parameters);
        _claim = new(connection, LeaseStatements.Claim, LeaseRow.Parameters);
        _claimAny = new(connection, LeaseStatements.ClaimAny, LeaseRow.Parameters);
        _claimBatch = connection.Command(LeaseStatements.For(dialect).ClaimBatch);
        foreach (var name in (string[])["OwnerId", "LeaseUntil", "Now", "Limit"])
        {
            _claimBatch.AddParameter(name, null);
        }

        _renew = new(connection, LeaseStatements.Renew, LeaseRow.Parameters);
        _release = new(connection, LeaseStatements.Release, LeaseRow.Parameters);
        _releaseAll = new(connection, LeaseStatements.ReleaseAll, LeaseRow.Parameters);
        _fence = new(connection, LeaseStatements.Fence, LeaseRow.Parameters);
        _leaseOf = connection.Command(LeaseStatements.LeaseOf);
        _leaseOf.AddParameter("ExecutionId", null);
        _folder = new MemoryFolder(connection, dialect);
        _starts = new StartChecks(connection, dialect);
    }

    /// <summary>The checks of starts' claims, on this connection.</summary>
    public StartChecks Starts => _starts;

    /// <summary>Whether executions saved with a final status are folded into the learning memory (<c>EngineOptions.LearningMemory</c>).</summary>
    public bool FoldsMemory { get; set; } = true;

    /// <summary>The writer's connection, for operations that run their own SQL (the learning memory's notes and pruning).</summary>
    public DbConnection Connection => _connection;

    /// <summary>The learning memory's folder on this connection (the backfill folds through it, as the final writes do).</summary>
    public MemoryFolder Folder => _folder;

    /// <summary>Forgets the executions noted for folding by a transaction that did not commit.</summary>
    public void ResetFolds() => _finished.Clear();

    /// <summary>Folds the executions this transaction saved with a final status into the learning memory, before it commits.</summary>
    public void FoldFinished(DateTimeOffset now, Microsoft.Extensions.Logging.ILogger logger)
    {
        if (_finished.Count > 0)
        {
            _folder.FoldAll(_finished.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.Last()), now, logger);
            _finished.Clear();
        }
    }

    /// <summary>The store's dialect (the learning memory's operations build their SQL with it).</summary>
    public SqlDialect Dialect => _dialect;

    /// <summary>The id of the last row this connection inserted.</summary>
    public long LastInsertId => _dialect.LastInsertId(_connection);

    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    public void Apply(HistoryWrite write)
    {
        switch (write)
        {
            case HistoryWrite.SavePlaybookVersion w:
                _playbookVersion.Execute(PlaybookVersionRow.From(w.Record));
                break;
            case HistoryWrite.SaveExecution w:
                _execution.Execute(ExecutionRow.From(w.Record));
                if (FoldsMemory && MemoryFolder.Folds(w.Record))
                {
                    _finished.Add(w.Record);
                }

                break;
            case HistoryWrite.SaveStepState w:
                _stepState.Execute(StepStateRow.From(w.Record));
                break;
            case HistoryWrite.SaveAttempt w:
                _attempt.Execute(StepAttemptRow.From(w.Record));
                break;
            case HistoryWrite.AppendLog w:
                _log.Execute(LogRow.From(w.Record));
                break;
            case HistoryWrite.AppendAudit w:
                _audit.Execute(AuditRow.From(w.Record));
                break;
            case HistoryWrite.SaveApproval w:
                SaveApproval(w);
                break;
            case HistoryWrite.AppendDecision w:
                _decision.Execute(ApprovalDecisionRow.From(w.Record));
                break;
            case HistoryWrite.AppendSignal w:
                _signal.Execute(SignalRow.From(w.Record));
                break;
            case HistoryWrite.ConsumeSignal w:
                _consumeSignal.Execute(SignalConsumptionRow.From(w));
                break;
            case HistoryWrite.AppendControlRequest w:
                var request = ControlRequestRow.From(w.Record);
                _controlRequest.Execute(request);
                _wakeOwner?.Execute(request);
                break;
            case HistoryWrite.CompleteControlRequest w:
                var completion = ControlRequestCompletionRow.From(w);
                _completeControlRequest.Execute(completion);
                _wakeRequester?.Execute(completion);
                break;
            case HistoryWrite.SavePlaybookStatus w:
                _playbookStatus.Execute(PlaybookStatusRow.From(w.Record));
                break;
            case HistoryWrite.SaveHandle w:
                _handle.Execute(ExecutionHandleRow.From(w.Record));
                break;
            case HistoryWrite.ForgetExpiredHandles w:
                _forgetHandles.Execute(HandleExpiryRow.From(w));
                break;
            default:
                throw new ArgumentException("Unknown history write " + write.GetType().Name, nameof(write));
        }
    }

    /// <summary>Claims the lease of an unfinished execution; its epoch when this owner holds it now, else null.</summary>
    public long? Claim(LeaseRow lease) => _claim.Scalar(lease) is { } epoch ? Convert.ToInt64(epoch, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Claims the execution's lease whatever its status; its epoch when this owner holds it now, else null.</summary>
    public long? ClaimAny(LeaseRow lease) => _claimAny.Scalar(lease) is { } epoch ? Convert.ToInt64(epoch, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Claims up to <paramref name="limit"/> executions nobody holds, in one UPDATE (<see cref="LeaseStatements.ClaimBatch"/>); the ids won, with their epochs.</summary>
    public List<(string Id, long Epoch)> ClaimBatch(LeaseRow lease, int limit)
    {
        _claimBatch.Parameters[0].Value = lease.OwnerId;
        _claimBatch.Parameters[1].Value = lease.LeaseUntil;
        _claimBatch.Parameters[2].Value = lease.Now;
        _claimBatch.Parameters[3].Value = limit;
        var won = new List<(string, long)>();
        using var reader = _claimBatch.ExecuteReader();
        while (reader.Read())
        {
            won.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return won;
    }

    /// <summary>Extends the owner's leases on unfinished executions (one statement); returns the ids renewed.</summary>
    public List<string> Renew(LeaseRow lease)
    {
        var ids = new List<string>();
        using var reader = _renew.Reader(lease);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The fence (<see cref="LeaseStatements.Fence"/>): true while the owner holds the execution's lease at the epoch.</summary>
    public bool Fence(LeaseRow lease) => _fence.Execute(lease) == 1;

    /// <summary>The owner and epoch of the execution's lease now; null when there is no such execution.</summary>
    public (string? Owner, long Epoch)? LeaseOf(string executionId)
    {
        _leaseOf.Parameters[0].Value = executionId;
        using var reader = _leaseOf.ExecuteReader();
        return reader.Read() ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public void Release(LeaseRow lease) => _release.Execute(lease);

    public void ReleaseAll(LeaseRow lease) => _releaseAll.Execute(lease);

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _claimBatch.Dispose();
        _leaseOf.Dispose();
        IDisposable[] cached =
        [
            _playbookVersion, _execution, _stepState, _attempt, _log, _audit, _approval, _clearDecisions, _decision, _signal,
            _consumeSignal, _controlRequest, _completeControlRequest, _playbookStatus, _handle, _forgetHandles, _claim, _claimAny, _renew, _release, _releaseAll, _fence,
        ];
        foreach (var statement in cached)
        {
            statement.Dispose();
        }

        _wakeOwner?.Dispose();
        _wakeRequester?.Dispose();
        _folder.Dispose();
        _starts.Dispose();
    }

    private void SaveApproval(HistoryWrite.SaveApproval write)
    {
        var row = ApprovalRow.From(write.Record);
        if (write.ClearDecisions)
        {
            _clearDecisions.Execute(row);
        }

        _approval.Execute(row);
    }
}
