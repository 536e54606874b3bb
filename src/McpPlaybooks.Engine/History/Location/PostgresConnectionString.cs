using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace McpPlaybooks.Engine.History.Location;

/// <summary>
/// Reads a PostgreSQL connection string in either form: a URI (<c>postgres://user:pass@host:5432/db?sslmode=require</c>,
/// <c>postgresql://...</c>) or Npgsql's keywords (<c>Host=...;Database=...</c>). The password is the string's own, else
/// <c>password_file=</c> (ours, in either form), else the file named by <see cref="PasswordFileVariable"/>, else
/// <c>PGPASSWORD</c>, else Npgsql's pass file (<c>passfile</c>, <c>PGPASSFILE</c>, <c>~/.pgpass</c>).
/// </summary>
internal static partial class PostgresConnectionString
{
    public const string PasswordFileVariable = "MCPPLAYBOOKS_DATABASE_PASSWORD_FILE";

    /// <summary>libpq's URI parameters and the Npgsql keyword each becomes; any other name is tried as an Npgsql keyword.</summary>
    private static readonly Dictionary<string, string> UriParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["passfile"] = "Passfile",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["options"] = "Options",
        ["user"] = "Username",
        ["dbname"] = "Database",
        ["host"] = "Host",
        ["port"] = "Port",
    };

    public static bool LooksLikePostgres(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || KeywordHost().IsMatch(text);

    public static HistoryLocation? Parse(string text, Func<string, string?> environment, string currentDirectory, out string? problem)
    {
        problem = null;
        var builder = new NpgsqlConnectionStringBuilder();
        string? passwordFile;
        string? seenPassword = null;
        try
        {
            passwordFile = text.Contains("://", StringComparison.Ordinal)
                ? FromUri(text, builder, out seenPassword)
                : FromKeywords(text, builder, out seenPassword);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            problem = $"the database connection string is not one PostgreSQL accepts: {Masked(e.Message, seenPassword)}";
            return null;
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            problem = "the PostgreSQL connection string names no host (postgres://user@HOST:5432/db, or Host=HOST;Database=db)";
            return null;
        }

        if (string.IsNullOrEmpty(builder.Password))
        {
            passwordFile ??= environment(PasswordFileVariable) is { Length: > 0 } fromVariable ? fromVariable : null;
            if (passwordFile is not null)
            {
                var password = ReadPasswordFile(passwordFile, currentDirectory, out problem);
                if (password is null)
                {
                    return null;
                }

                builder.Password = password;
            }
            else if (environment("PGPASSWORD") is { Length: > 0 } fromEnvironment)
            {
                builder.Password = fromEnvironment;
            }
        }

        if (string.IsNullOrEmpty(builder.Passfile) && environment("PGPASSFILE") is { Length: > 0 } passfile)
        {
            builder.Passfile = Path.GetFullPath(passfile, currentDirectory);
        }

        var secret = builder.Password;
        var display = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = null };
        return HistoryLocation.Postgres(builder.ConnectionString, display.ConnectionString, string.IsNullOrEmpty(secret) ? null : secret);
    }

    /// <summary>Fills <paramref name="builder"/> from a URI; returns our <c>password_file</c> parameter, if given.</summary>
    private static string? FromUri(string text, NpgsqlConnectionStringBuilder builder, out string? password)
    {
        password = null;
        var rest = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = "";
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var path = "";
        if (rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0)
        {
            path = rest[(slash + 1)..];
            rest = rest[..slash];
        }

        if (rest.LastIndexOf('@') is var at and >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            if (userInfo.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
            {
                password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
                userInfo = userInfo[..colon];
                builder.Password = password;
            }

            if (userInfo.Length > 0)
            {
                builder.Username = Uri.UnescapeDataString(userInfo);
            }
        }

        SetHosts(rest, builder);
        if (path.Length > 0)
        {
            builder.Database = Uri.UnescapeDataString(path);
        }

        string? passwordFile = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (string.Equals(name, "password_file", StringComparison.OrdinalIgnoreCase))
            {
                passwordFile = value;
            }
            else if (string.Equals(name, "password", StringComparison.OrdinalIgnoreCase))
            {
                password = value;
                builder.Password = value;
            }
            else
            {
                builder[UriParameters.GetValueOrDefault(name, name)] = value;
            }
        }

        return passwordFile;
    }

    /// <summary>Host, or host:port, or [v6]:port, or several of them separated by commas (Npgsql takes that list as it is).</summary>
    private static void SetHosts(string hosts, NpgsqlConnectionStringBuilder builder)
    {
        if (hosts.Length == 0)
        {
            return;
        }

        if (hosts.Contains(',', StringComparison.Ordinal))
        {
            builder.Host = hosts;
            return;
        }

        var portAt = hosts.StartsWith('[') ? hosts.IndexOf("]:", StringComparison.Ordinal) + 1 : hosts.LastIndexOf(':');
        if (portAt > 0)
        {
            builder.Port = int.Parse(hosts[(portAt + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            hosts = hosts[..portAt];
        }

        builder.Host = Uri.UnescapeDataString(hosts.Trim('[', ']'));
    }

    /// <summary>Fills <paramref name="builder"/> from Npgsql keywords; returns our <c>password_file</c> keyword, if given.</summary>
    private static string? FromKeywords(string text, NpgsqlConnectionStringBuilder builder, out string? password)
    {
        string? passwordFile = null;
        var remaining = PasswordFileKeyword().Replace(text, match =>
        {
            passwordFile = match.Groups["value"].Value.Trim();
            return "";
        });
        builder.ConnectionString = remaining;
        password = builder.Password;
        return passwordFile;
    }

    private static string? ReadPasswordFile(string file, string currentDirectory, out string? problem)
    {
        problem = null;
        var path = Path.GetFullPath(file, currentDirectory);
        string content;
        try
        {
            content = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"the database password file {path} cannot be read: {e.Message}";
            return null;
        }

        var password = content.TrimEnd('\r', '\n');
        if (password.Length == 0)
        {
            problem = $"the database password file {path} is empty";
            return null;
        }

        return password;
    }

    private static string Masked(string text, string? password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);

    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordHost();

    [GeneratedRegex(@"(?<=^|;)\s*password[_ ]file\s*=(?<value>[^;]*);?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordFileKeyword();
}
