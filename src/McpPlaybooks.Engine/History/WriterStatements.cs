using McpPlaybooks.Engine.History.Rows;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Memory.Folding;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace McpPlaybooks.Engine.History;

/// <summary>The writer's statements, each prepared once on the writer's connection (see <see cref="CachedStatement"/>).</summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly CachedStatement _playbookVersion;
    private readonly CachedStatement _execution;
    private readonly CachedStatement _stepState;
    private readonly CachedStatement _attempt;
    private readonly CachedStatement _log;
    private readonly CachedStatement _audit;
    private readonly CachedStatement _approval;
    private readonly CachedStatement _clearDecisions;
    private readonly CachedStatement _decision;
    private readonly CachedStatement _signal;
    private readonly CachedStatement _consumeSignal;
    private readonly CachedStatement _controlRequest;
    private readonly CachedStatement _completeControlRequest;
    private readonly CachedStatement _playbookStatus;
    private readonly CachedStatement _handle;
    private readonly CachedStatement _forgetHandles;
    private readonly CachedStatement _claim;
    private readonly CachedStatement _claimAny;
    private readonly SqliteCommand _claimBatch;
    private readonly CachedStatement _renew;
    private readonly CachedStatement _release;
    private readonly CachedStatement _releaseAll;
    private readonly MemoryFolder _folder;
    private readonly List<ExecutionRecord> _finished = [];

    public WriterStatements(SqliteConnection connection)
    {
        _connection = connection;
        _begin = Command(connection, "BEGIN IMMEDIATE");
        _commit = Command(connection, "COMMIT");
        _playbookVersion = new(connection, WriteStatements.SavePlaybookVersion, typeof(PlaybookVersionRow));
        _execution = new(connection, WriteStatements.SaveExecution, typeof(ExecutionRow));
        _stepState = new(connection, WriteStatements.SaveStepState, typeof(StepStateRow));
        _attempt = new(connection, WriteStatements.SaveAttempt, typeof(StepAttemptRow));
        _log = new(connection, WriteStatements.AppendLog, typeof(LogRow));
        _audit = new(connection, WriteStatements.AppendAudit, typeof(AuditRow));
        _approval = new(connection, WriteStatements.SaveApproval, typeof(ApprovalRow));
        _clearDecisions = new(connection, WriteStatements.ClearDecisions, typeof(ApprovalRow));
        _decision = new(connection, WriteStatements.AppendDecision, typeof(ApprovalDecisionRow));
        _signal = new(connection, WriteStatements.AppendSignal, typeof(SignalRow));
        _consumeSignal = new(connection, WriteStatements.ConsumeSignal, typeof(SignalConsumptionRow));
        _controlRequest = new(connection, WriteStatements.AppendControlRequest, typeof(ControlRequestRow));
        _completeControlRequest = new(connection, WriteStatements.CompleteControlRequest, typeof(ControlRequestCompletionRow));
        _playbookStatus = new(connection, WriteStatements.SavePlaybookStatus, typeof(PlaybookStatusRow));
        _handle = new(connection, WriteStatements.SaveHandle, typeof(ExecutionHandleRow));
        _forgetHandles = new(connection, WriteStatements.ForgetExpiredHandles, typeof(HandleExpiryRow));
        _claim = new(connection, LeaseStatements.Claim, typeof(LeaseRow));
        _claimAny = new(connection, LeaseStatements.ClaimAny, typeof(LeaseRow));
        _claimBatch = Command(connection, LeaseStatements.ClaimBatch);
        foreach (var name in (string[])["@OwnerId", "@LeaseUntil", "@Now", "@Limit"])
        {
            _claimBatch.Parameters.Add(new SqliteParameter(name, null));
        }
        _renew = new(connection, LeaseStatements.Renew, typeof(LeaseRow));
        _release = new(connection, LeaseStatements.Release, typeof(LeaseRow));
        _releaseAll = new(connection, LeaseStatements.ReleaseAll, typeof(LeaseRow));
        _folder = new MemoryFolder(connection);
    }

    /// <summary>Whether executions saved with a final status are folded into the learning memory (<c>EngineOptions.LearningMemory</c>).</summary>
    public bool FoldsMemory { get; set; } = true;

    /// <summary>The writer's connection, for operations that run their own SQL (the learning memory's notes and pruning).</summary>
    public SqliteConnection Connection => _connection;

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

    /// <summary>The rowid of the last row this connection inserted.</summary>
    public long LastInsertId => raw.sqlite3_last_insert_rowid(_connection.Handle);

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
                _controlRequest.Execute(ControlRequestRow.From(w.Record));
                break;
            case HistoryWrite.CompleteControlRequest w:
                _completeControlRequest.Execute(ControlRequestCompletionRow.From(w));
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

    /// <summary>Claims the lease of an unfinished execution; true when this owner holds it now.</summary>
    public bool Claim(LeaseRow lease) => _claim.Execute(lease) == 1;

    /// <summary>Claims the execution's lease whatever its status; true when this owner holds it now.</summary>
    public bool ClaimAny(LeaseRow lease) => _claimAny.Execute(lease) == 1;

    /// <summary>Claims up to <paramref name="limit"/> executions nobody holds, in one UPDATE (<see cref="LeaseStatements.ClaimBatch"/>); the ids won.</summary>
    public List<string> ClaimBatch(LeaseRow lease, int limit)
    {
        _claimBatch.Parameters["@OwnerId"].Value = lease.OwnerId;
        _claimBatch.Parameters["@LeaseUntil"].Value = lease.LeaseUntil;
        _claimBatch.Parameters["@Now"].Value = lease.Now;
        _claimBatch.Parameters["@Limit"].Value = limit;
        var ids = new List<string>();
        using var reader = _claimBatch.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Extends the owner's leases on unfinished executions; returns how many.</summary>
    public int Renew(LeaseRow lease) => _renew.Execute(lease);

    public void Release(LeaseRow lease) => _release.Execute(lease);

    public void ReleaseAll(LeaseRow lease) => _releaseAll.Execute(lease);

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _claimBatch.Dispose();
        CachedStatement[] cached =
        [
            _playbookVersion, _execution, _stepState, _attempt, _log, _audit, _approval, _clearDecisions, _decision, _signal,
            _consumeSignal, _controlRequest, _completeControlRequest, _playbookStatus, _handle, _forgetHandles, _claim, _claimAny, _renew, _release, _releaseAll,
        ];
        foreach (var statement in cached)
        {
            statement.Dispose();
        }

        _folder.Dispose();
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

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
