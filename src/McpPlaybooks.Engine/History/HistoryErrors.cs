using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.History;

/// <summary>Turns SQLite's failures into messages that say which file, what failed and what to do.</summary>
internal static class HistoryErrors
{
    public const int Busy = 5;
    public const int Locked = 6;
    public const int ReadOnly = 8;
    public const int IoError = 10;
    public const int Corrupt = 11;
    public const int Full = 13;
    public const int CantOpen = 14;
    public const int Constraint = 19;
    public const int NotADatabase = 26;
    private const int Permission = 3;
    private const int TooBig = 18;
    private const int Mismatch = 20;
    private const int Range = 25;

    /// <summary>A failure caused by the data of one write, which should not fail the writes committed beside it.</summary>
    public static bool IsCausedByData(Exception exception) => exception is not SqliteException sqlite
        || (sqlite.SqliteErrorCode & 0xFF) is Constraint or TooBig or Mismatch or Range;

    /// <summary>An execution whose drive stopped on <paramref name="failure"/>: what failed, and how it goes on once fixed.</summary>
    public static HistoryWriteException Stopped(string executionId, HistoryWriteException failure) => new(
        $"Execution {executionId} stopped: its history could not be written, so it stays unfinished in '{failure.DatabasePath}'. {failure.Message} "
            + "Once that is fixed, 'resume' (or the next process that opens the data directory) takes the execution over.",
        failure.DatabasePath ?? "",
        failure.SqliteErrorCode,
        failure);

    public static HistoryWriteException From(Exception exception, string path, string what)
    {
        if (exception is HistoryWriteException already)
        {
            return already;
        }

        if (exception is not SqliteException sqlite)
        {
            return new HistoryWriteException($"The history database '{path}' refused a write: {what} failed ({exception.Message}).", path, null, exception);
        }

        var code = sqlite.SqliteErrorCode & 0xFF;
        var cause = sqlite.Message.TrimEnd('.');
        var message = code switch
        {
            Full => $"The disk or the database is full: {what} in the history database '{path}' failed ({cause}). "
                + "Free space on that volume (or move the history elsewhere) and retry; nothing of this write was stored.",
            ReadOnly or CantOpen or Permission => $"The history database '{path}' cannot be written: {what} failed ({cause}). "
                + "Check that this user may create and write the file, its '-wal' and '-shm' files and its directory, or choose another path.",
            Busy or Locked => $"Another process held the write lock on the history database '{path}' for too long: {what} failed ({cause}). "
                + "Retry; if it persists, find the process that keeps a transaction open on that file (a stuck server or a sqlite3 shell).",
            Corrupt or NotADatabase => $"The file '{path}' is damaged or is not a history database: {what} failed ({cause}). "
                + "Restore it from a backup, or move it aside (keep it for inspection) to start a new history, or choose another path.",
            IoError => $"The disk or the file system failed: {what} in the history database '{path}' failed ({cause}). Check the disk and the file system, then retry.",
            Constraint => $"A history write broke the schema's rules: {what} in '{path}' failed ({cause}). "
                + "This is a bug in the caller: save the playbook version before its execution, and the execution before its steps, attempts and logs.",
            _ => $"The history database '{path}' refused a write: {what} failed ({cause}; SQLite error {sqlite.SqliteErrorCode}).",
        };
        return new HistoryWriteException(message, path, code, exception);
    }
}
