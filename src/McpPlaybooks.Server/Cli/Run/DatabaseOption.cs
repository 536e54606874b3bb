using System.CommandLine;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The <c>--database PATH|CONNECTION</c> option that <c>serve</c> and every command using the history share.</summary>
internal static class DatabaseOption
{
    public static Option<string> Create() => new("--database")
    {
        Description = "Where the history is: an SQLite file (default: <data-dir>/history.db) or a shared PostgreSQL database, "
            + "postgres://USER@HOST:5432/DB or Host=HOST;Database=DB;Username=USER. Default: $MCPPLAYBOOKS_DATABASE, else History:Database "
            + "in appsettings.json. Keep the password out of it: password_file=FILE, MCPPLAYBOOKS_DATABASE_PASSWORD_FILE, PGPASSWORD or "
            + "~/.pgpass. Messages show it without the password.",
        HelpName = "PATH|CONNECTION",
    };
}
