namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>
/// Where a crash scenario keeps its history: the data directory's SQLite file (no arguments), or a shared PostgreSQL
/// database, given to every command as <c>--database</c> with its password in the environment (never on the command line).
/// </summary>
internal sealed record CrashStore(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The SQLite file in the data directory, the default.</summary>
    public static CrashStore Sqlite { get; } = new([], new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>A PostgreSQL database: <paramref name="connection"/> without its password, which goes in <c>PGPASSWORD</c> (when there is one).</summary>
    public static CrashStore Postgres(string connection, string? password) =>
        new(["--database", connection], password is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal) { ["PGPASSWORD"] = password });

    /// <summary>
    /// Whether a killed process's executions stay held until its lease expires. A PostgreSQL history does not look at the
    /// processes of this host (another host may share it), so <c>resume</c> reports them as held until then.
    /// </summary>
    public bool HoldsUntilLeaseExpiry => Arguments.Count > 0;
}
