namespace McpPlaybooks.Engine.History;

/// <summary>What the database says of a transaction whose connection was lost (<see cref="WriterReconnection.OutcomeAsync"/>).</summary>
internal enum CommitOutcome
{
    /// <summary>It took effect: its writes are stored, and are not written again.</summary>
    Committed,

    /// <summary>It rolled back: nothing of it is stored, so it runs again.</summary>
    RolledBack,

    /// <summary>Its server process still holds it open: ask again.</summary>
    InProgress,

    /// <summary>The database no longer knows (too old to tell).</summary>
    Unknown,
}
