using McpPlaybooks.Engine.History.Rows;
using McpPlaybooks.Engine.History.Writes;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.History;

/// <summary>The writer's statements, each prepared once on the writer's connection (see <see cref="CachedStatement"/>).</summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly CachedStatement _playbookVersion;
    private readonly CachedStatement _execution;
    private readonly CachedStatement _stepState;
    private readonly CachedStatement _attempt;
    private readonly CachedStatement _log;
    private readonly CachedStatement _audit;

    public WriterStatements(SqliteConnection connection)
    {
        _begin = Command(connection, "BEGIN IMMEDIATE");
        _commit = Command(connection, "COMMIT");
        _playbookVersion = new(connection, WriteStatements.SavePlaybookVersion, typeof(PlaybookVersionRow));
        _execution = new(connection, WriteStatements.SaveExecution, typeof(ExecutionRow));
        _stepState = new(connection, WriteStatements.SaveStepState, typeof(StepStateRow));
        _attempt = new(connection, WriteStatements.SaveAttempt, typeof(StepAttemptRow));
        _log = new(connection, WriteStatements.AppendLog, typeof(LogRow));
        _audit = new(connection, WriteStatements.AppendAudit, typeof(AuditRow));
    }

    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    public void Apply(HistoryWrite write)
    {
        switch (write)
        {
            case HistoryWrite.SavePlaybookVersion w:
                _playbookVersion.Execute(null, PlaybookVersionRow.From(w.Record));
                break;
            case HistoryWrite.SaveExecution w:
                _execution.Execute(null, ExecutionRow.From(w.Record));
                break;
            case HistoryWrite.SaveStepState w:
                _stepState.Execute(null, StepStateRow.From(w.Record));
                break;
            case HistoryWrite.SaveAttempt w:
                _attempt.Execute(null, StepAttemptRow.From(w.Record));
                break;
            case HistoryWrite.AppendLog w:
                _log.Execute(null, LogRow.From(w.Record));
                break;
            case HistoryWrite.AppendAudit w:
                _audit.Execute(null, AuditRow.From(w.Record));
                break;
            default:
                throw new ArgumentException("Unknown history write " + write.GetType().Name, nameof(write));
        }
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _playbookVersion.Dispose();
        _execution.Dispose();
        _stepState.Dispose();
        _attempt.Dispose();
        _log.Dispose();
        _audit.Dispose();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
