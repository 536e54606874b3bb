namespace McpPlaybooks.Engine.History.Location;

/// <summary>
/// Where the history is: an SQLite file, or a PostgreSQL database. <see cref="Display"/> is the only form that may be
/// shown (logs, errors, health): it never holds a password.
/// </summary>
public sealed class HistoryLocation
{
    private HistoryLocation(StoreKind kind, string target, string display, string? password)
    {
        Kind = kind;
        Target = target;
        Display = display;
        Password = password;
    }

    public StoreKind Kind { get; }

    /// <summary>The SQLite file's full path, or the Npgsql connection string (with the password, when one was found): never log it.</summary>
    public string Target { get; }

    /// <summary>The path, or the connection string without its password.</summary>
    public string Display { get; }

    /// <summary>The PostgreSQL password that was found (in the string, a file or the environment), for masking text that might echo it.</summary>
    internal string? Password { get; }

    public static HistoryLocation Sqlite(string path) => new(StoreKind.Sqlite, Path.GetFullPath(path), Path.GetFullPath(path), null);

    internal static HistoryLocation Postgres(string connectionString, string display, string? password) =>
        new(StoreKind.Postgres, connectionString, display, password);

    /// <summary>
    /// Reads <paramref name="given"/>: a PostgreSQL connection string (<c>postgres://</c>, <c>postgresql://</c>, or Npgsql's
    /// <c>Host=...;Database=...</c>), else an SQLite path taken from <paramref name="currentDirectory"/>. Null or blank gives
    /// <paramref name="defaultSqlitePath"/>. Returns null, with one sentence in <paramref name="problem"/> that never holds
    /// the password, when the string cannot be used.
    /// </summary>
    public static HistoryLocation? Parse(
        string? given,
        string defaultSqlitePath,
        string currentDirectory,
        Func<string, string?> environment,
        out string? problem)
    {
        ArgumentNullException.ThrowIfNull(environment);
        problem = null;
        if (string.IsNullOrWhiteSpace(given))
        {
            return Sqlite(defaultSqlitePath);
        }

        var text = given.Trim();
        if (PostgresConnectionString.LooksLikePostgres(text))
        {
            return PostgresConnectionString.Parse(text, environment, currentDirectory, out problem);
        }

        return Sqlite(Path.GetFullPath(text, currentDirectory));
    }

    /// <summary><paramref name="text"/> with this location's password (if any) replaced, for an error that might quote it.</summary>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrEmpty(Password) ? text : text.Replace(Password, "***", StringComparison.Ordinal);
    }

    public override string ToString() => Display;
}
