namespace McpPlaybooks.Engine.History.Dialect;

/// <summary>Why the store refused a statement, as far as the writer and the messages need to know (see <see cref="SqlDialect.Classify"/>).</summary>
public enum StoreFailure
{
    /// <summary>Anything else: a failure the classification does not know.</summary>
    Other,

    /// <summary>The data of one write broke the schema's rules (a constraint, a value too big or of the wrong type): the writes beside it may still commit.</summary>
    Data,

    /// <summary>Another writer held the lock too long (SQLite busy or locked; PostgreSQL lock timeout, deadlock, serialization failure): retrying may succeed.</summary>
    Busy,

    /// <summary>The store cannot take writes: disk or database full, read-only, no permission.</summary>
    Storage,

    /// <summary>The connection to the store was lost or could not be made (a database server going away).</summary>
    ConnectionLost,

    /// <summary>The store's files are damaged or are not a history database.</summary>
    Damaged,
}
