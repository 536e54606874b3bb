using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Server.Hosting;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Where a command finds the history: the data directory, and the database (its SQLite file unless <c>--database</c>,
/// <c>MCPPLAYBOOKS_DATABASE</c> or <c>History:Database</c> in <c>appsettings.json</c> says otherwise, in that order, as for
/// <c>serve</c>). Only <see cref="Name"/> and <see cref="Again"/> may be shown: neither holds a password.
/// </summary>
internal sealed class HistoryTarget
{
    private HistoryTarget(string dataDirectory, HistoryLocation location, bool ownDatabase, string again)
    {
        DataDirectory = dataDirectory;
        Location = location;
        OwnDatabase = ownDatabase;
        Again = again;
    }

    /// <summary>The data directory, as a full path.</summary>
    public string DataDirectory { get; }

    public HistoryLocation Location { get; }

    /// <summary>Whether the database was named (not the data directory's own file).</summary>
    public bool OwnDatabase { get; }

    /// <summary>What a person calls this history: the data directory, or the database without its password.</summary>
    public string Name => OwnDatabase ? Location.Display : DataDirectory;

    /// <summary>The options to repeat in a suggested command (<c> --data-dir DIR</c>, <c> --database '...'</c>), or nothing.</summary>
    public string Again { get; }

    /// <summary>
    /// Reads the data directory and the database as a command was given them; null when the database setting cannot be
    /// used (the sentence, naming the flag, variable or file it came from and never the password, is in <paramref name="problems"/>).
    /// </summary>
    public static HistoryTarget? Resolve(string? dataDirectory, string? database, CliContext context, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        var directory = Run.DataDirectory.Resolve(dataDirectory, context.Environment, context.CurrentDirectory);
        var defaultPath = Path.Combine(directory, "history.db");
        var flags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (database is not null)
        {
            flags[ServeSettings.Database.Key] = [database];
        }

        var configuration = ServeConfiguration.Build(AppContext.BaseDirectory, context.CurrentDirectory, context.Environment, flags, problems);
        var given = configuration.Value(ServeSettings.Database);
        var location = HistoryLocation.Parse(given, defaultPath, context.CurrentDirectory, context.Environment, out var problem);
        if (location is null)
        {
            problems.Add($"{configuration.Source(ServeSettings.Database)}: {problem}");
            return null;
        }

        var own = !string.IsNullOrWhiteSpace(given);
        var again = database is not null ? $" --database {Quoted(location.Mask(database.Trim()))}"
            : own ? ""
            : dataDirectory is not null ? $" --data-dir {Quoted(directory)}"
            : "";
        return new HistoryTarget(directory, location, own, again);
    }

    /// <summary>The line for a history that is not there (a read creates none).</summary>
    public string Missing() => Location.Kind == StoreKind.Postgres
        ? $"no McpPlaybooks history in {Location.Display}: nothing has run with this database and schema yet (is --database right? 'Search Path' picks the schema)"
        : OwnDatabase
            ? $"no history in {Location.Display}: no execution has run with this database file (give the one it ran with: --database PATH)"
            : $"no history in {DataDirectory}: no execution has run with this data directory (give the one it ran with: --data-dir DIR)";

    /// <summary><paramref name="text"/> single-quoted for a POSIX shell when it holds anything but plain path characters.</summary>
    private static string Quoted(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '@' or '+' or ',' or '=')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
