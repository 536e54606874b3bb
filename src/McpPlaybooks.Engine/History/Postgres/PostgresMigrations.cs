namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// The PostgreSQL schema, as an ordered list of scripts: script N (1-based) takes the database from version N-1 to N,
/// recorded as a row of <c>schema_migrations</c> (SQLite keeps <c>PRAGMA user_version</c>). Never edit a script that has
/// shipped; append one. The versions are this store's own: script 1 builds what SQLite's scripts 1 to 9 build.
/// Types keep SQLite's meaning, so the same readers work: INTEGER is <c>bigint</c> (times are unix milliseconds, flags
/// 0 or 1), REAL is <c>double precision</c>, ids that SQLite numbers itself are identity columns, FTS5 is a
/// <c>tsvector</c> column with a GIN index, and <c>COLLATE NOCASE</c> keys are <c>lower(...)</c> expressions.
/// </summary>
internal static partial class PostgresMigrations
{
    public static IReadOnlyList<string> Scripts { get; } =
    [
        Core + Gates + Memory + Later + Fencing,
        Search,
        StepPath,
        Undecided,
        MemoryTimeouts,
        UniqueKeys,
        StepRefusals,
        GateTimeouts,
        TimeoutLimits,
        RefusedAttempts,
        SecretDigests,
    ];

    /// <summary>The version a database has once every script ran.</summary>
    public static int Latest => Scripts.Count;
}
