namespace McpPlaybooks.Server.Tests.Leasing;

/// <summary>
/// The database a cluster of servers shares: by default a SQLite file in a fresh data directory; with
/// <c>MCPPLAYBOOKS_TEST_DATABASE</c> set, that one (a SQLite file's path, whose directory becomes the servers' data
/// directory, or a PostgreSQL connection string passed as <c>--database</c> once that store exists), so the same tests run
/// on PostgreSQL.
/// </summary>
internal sealed class ClusterDatabase
{
    public const string Variable = "MCPPLAYBOOKS_TEST_DATABASE";

    private ClusterDatabase(string dataDirectory, IReadOnlyList<string> arguments, string description)
    {
        DataDirectory = dataDirectory;
        Arguments = arguments;
        Description = description;
    }

    /// <summary>The servers' data directory (their logs, and the SQLite file when the database is one).</summary>
    public string DataDirectory { get; }

    /// <summary>The arguments of <c>serve</c> that choose the database.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>What the figures ran on, for the report.</summary>
    public string Description { get; }

    /// <summary>The SQLite history file, when the database is one (the tests read it directly); null for PostgreSQL.</summary>
    public string? SqlitePath => Arguments is ["--data-dir", var directory] ? Path.Combine(directory, "history.db") : null;

    /// <summary>The database named by <see cref="Variable"/>, else a SQLite file under <paramref name="root"/>.</summary>
    public static ClusterDatabase From(string root)
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(given))
        {
            var data = Path.Combine(root, "data");
            return new ClusterDatabase(data, ["--data-dir", data], "SQLite (one file, WAL)");
        }

        if (given.Contains('=', StringComparison.Ordinal) || given.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
        {
            var data = Path.Combine(root, "data");
            return new ClusterDatabase(data, ["--data-dir", data, "--database", given], "PostgreSQL");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(given))!;
        if (!string.Equals(Path.GetFileName(given), "history.db", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Variable}: a SQLite history is a data directory's history.db; give '{Path.Combine(directory, "history.db")}'.");
        }

        return new ClusterDatabase(directory, ["--data-dir", directory], "SQLite (one file, WAL)");
    }
}
