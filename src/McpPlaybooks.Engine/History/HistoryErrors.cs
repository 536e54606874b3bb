using System.Data.Common;
using McpPlaybooks.Engine.History.Dialect;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// Turns the store's failures into messages that say which store, what failed and what to do. The kind of failure comes
/// from the dialect (<see cref="SqlDialect.Classify"/>); SQLite's messages also name its files.
/// </summary>
internal static class HistoryErrors
{
    /// <summary>A failure caused by the data of one write, which should not fail the writes committed beside it (anything not from the store counts as data).</summary>
    public static bool IsCausedByData(Exception exception, SqlDialect dialect) =>
        exception is not DbException store || dialect.Classify(store) == StoreFailure.Data;

    /// <summary>An execution whose drive stopped on <paramref name="failure"/>: what failed, and how it goes on once fixed.</summary>
    public static HistoryWriteException Stopped(string executionId, HistoryWriteException failure) => new(
        $"Execution {executionId} stopped: its history could not be written, so it stays unfinished in '{failure.DatabasePath}'. {failure.Message} "
            + "Once that is fixed, 'resume' (or the next process that opens the data directory) takes the execution over.",
        failure.DatabasePath ?? "",
        failure.SqliteErrorCode,
        failure,
        failure.Failure);

    /// <summary>As <see cref="From(Exception, string, string, SqlDialect)"/> for the SQLite file (opening, checking).</summary>
    public static HistoryWriteException From(Exception exception, string path, string what) => From(exception, path, what, SqlDialect.Sqlite);

    public static HistoryWriteException From(Exception exception, string path, string what, SqlDialect dialect)
    {
        switch (exception)
        {
            case HistoryWriteException already:
                return already;
            case SqliteException sqlite:
                return FromSqlite(sqlite, path, what);
            case DbException store:
                return FromStore(store, dialect.Classify(store), path, what);
            default:
                return new HistoryWriteException($"The history database '{path}' refused a write: {what} failed ({exception.Message}).", path, null, exception);
        }
    }

    private static HistoryWriteException FromSqlite(SqliteException sqlite, string path, string what)
    {
        var code = SqliteCodes.Primary(sqlite.SqliteErrorCode);
        var cause = sqlite.Message.TrimEnd('.');
        var message = code switch
        {
            SqliteCodes.Full => $"The disk or the database is full: {what} in the history database '{path}' failed ({cause}). "
                + "Free space on that volume (or move the history elsewhere) and retry; nothing of this write was stored.",
            SqliteCodes.ReadOnly or SqliteCodes.CantOpen or SqliteCodes.Permission => $"The history database '{path}' cannot be written: {what} failed ({cause}). "
                + "Check that this user may create and write the file, its '-wal' and '-shm' files and its directory, or choose another path.",
            SqliteCodes.Busy or SqliteCodes.Locked => $"Another process held the write lock on the history database '{path}' for too long: {what} failed ({cause}). "
                + "Retry; if it persists, find the process that keeps a transaction open on that file (a stuck server or a sqlite3 shell).",
            SqliteCodes.Corrupt or SqliteCodes.NotADatabase => $"The file '{path}' is damaged or is not a history database: {what} failed ({cause}). "
                + "Restore it from a backup, or move it aside (keep it for inspection) to start a new history, or choose another path.",
            SqliteCodes.IoError => $"The disk or the file system failed: {what} in the history database '{path}' failed ({cause}). Check the disk and the file system, then retry.",
            SqliteCodes.Constraint => ConstraintMessage(what, path, cause),
            _ => $"The history database '{path}' refused a write: {what} failed ({cause}; SQLite error {sqlite.SqliteErrorCode}).",
        };
        return new HistoryWriteException(message, path, code, sqlite, SqliteCodes.Classify(code));
    }

    /// <summary>A store other than SQLite (<paramref name="path"/> is then the store's description, never a connection string with a password).</summary>
    private static HistoryWriteException FromStore(DbException store, StoreFailure failure, string path, string what)
    {
        var cause = store.Message.TrimEnd('.');
        var message = failure switch
        {
            StoreFailure.Data => ConstraintMessage(what, path, cause),
            StoreFailure.Busy => $"Another server held a lock in the history database '{path}' for too long: {what} failed ({cause}). Retry; if it persists, look for a transaction left open.",
            StoreFailure.Storage => $"The history database '{path}' cannot take writes: {what} failed ({cause}). Check its disk space, that it is not read-only, and this user's grants.",
            StoreFailure.ConnectionLost => $"The connection to the history database '{path}' was lost: {what} failed ({cause}); nothing of this write was stored. Check that the database server is up and reachable, then retry.",
            StoreFailure.Damaged => $"The history database '{path}' reports damaged data: {what} failed ({cause}). Restore it from a backup.",
            _ => $"The history database '{path}' refused a write: {what} failed ({cause}{(store.SqlState is { } state ? "; SQLSTATE " + state : "")}).",
        };
        return new HistoryWriteException(message, path, null, store, failure);
    }

    private static string ConstraintMessage(string what, string path, string cause) =>
        $"A history write broke the schema's rules: {what} in '{path}' failed ({cause}). "
            + "This is a bug in the caller: save the playbook version before its execution, and the execution before its steps, attempts and logs.";
}
