namespace McpPlaybooks.Engine.History.Location;

/// <summary>Which database holds the history.</summary>
public enum StoreKind
{
    /// <summary>One SQLite file (the default): no set-up, one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by any number of servers.</summary>
    Postgres,
}
