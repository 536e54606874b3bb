using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The history database could not be opened, migrated or written. The message names the store, what failed and what
/// to do (free disk space, fix permissions, stop the process that holds the lock). Nothing of the failed write was stored.
/// </summary>
public class HistoryWriteException : Exception
{
    public HistoryWriteException()
    {
    }

    public HistoryWriteException(string message)
        : base(message)
    {
    }

    public HistoryWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HistoryWriteException(string message, string databasePath, int? sqliteErrorCode, Exception? innerException)
        : this(message, databasePath, sqliteErrorCode, innerException, null)
    {
    }

    public HistoryWriteException(string message, string databasePath, int? sqliteErrorCode, Exception? innerException, StoreFailure? failure)
        : base(message, innerException)
    {
        DatabasePath = databasePath;
        SqliteErrorCode = sqliteErrorCode;
        Failure = failure;
    }

    /// <summary>The full path of the database file (or, for a database server, its description without secrets).</summary>
    public string? DatabasePath { get; }

    /// <summary>The primary SQLite result code (13 is <c>SQLITE_FULL</c>); null when the failure did not come from SQLite.</summary>
    public int? SqliteErrorCode { get; }

    /// <summary>What kind of failure the store reported (a lost connection may be retried); null when it did not come from the store.</summary>
    public StoreFailure? Failure { get; }
}
