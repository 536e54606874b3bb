using System.Globalization;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Reads the HTTP settings of <c>serve</c> (<c>Http</c>, <c>TokensFile</c>, <c>AllowedHosts</c>, <c>AllowedOrigins</c>,
/// <c>AllowRemoteWithoutTokens</c> and the limits, the dashboard's sessions per identity among them) and loads the tokens
/// file. Refuses an address beyond loopback unless tokens are configured or the risk is accepted in so many words.
/// </summary>
internal static class HttpSettingsReader
{
    /// <summary>The settings, or null when <c>Http</c> is not set (stdio) or a value is wrong (a problem each).</summary>
    /// <param name="configuration">The layered configuration.</param>
    /// <param name="currentDirectory">What a relative tokens file path is taken from.</param>
    /// <param name="problems">Collects one sentence per problem, naming where the value came from.</param>
    public static HttpServerSettings? Read(ServeConfiguration configuration, string currentDirectory, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        if (configuration.Value(ServeSettings.Http) is not { } text)
        {
            return null;
        }

        var before = problems.Count;
        var listen = HttpListenAddress.Parse(text, out var problem);
        if (problem is not null)
        {
            problems.Add($"{configuration.Source(ServeSettings.Http)} {problem}");
        }

        var tokens = ReadTokens(configuration, currentDirectory, problems);
        var allowRemote = ReadBoolean(configuration, ServeSettings.AllowRemoteWithoutTokens, problems);
        // A tokens file that could not be read is its own problem: the owner meant to have tokens.
        if (listen is { IsLoopback: false } && configuration.Value(ServeSettings.TokensFile) is null && !allowRemote)
        {
            problems.Add(
                $"{configuration.Source(ServeSettings.Http)}: {listen.Address} is reachable from other machines, and without tokens anyone there could run playbooks. "
                + "Give a tokens file (--tokens FILE; make entries with 'mcp-playbooks token new'), listen on 127.0.0.1, "
                + "or accept the risk with --allow-remote-without-tokens");
        }

        var defaults = new HttpServerSettings { Listen = listen ?? new HttpListenAddress(System.Net.IPAddress.Loopback, 0) };
        var settings = defaults with
        {
            AllowedHosts = configuration.Values(ServeSettings.AllowedHosts) ?? defaults.AllowedHosts,
            AllowedOrigins = configuration.Values(ServeSettings.AllowedOrigins) ?? defaults.AllowedOrigins,
            Tokens = tokens,
            MaxRequestBodyBytes = ReadWhole(configuration, ServeSettings.MaxRequestBodyBytes, 1024, 1024L * 1024 * 1024, "bytes", problems) ?? defaults.MaxRequestBodyBytes,
            RequestTimeout = ReadWhole(configuration, ServeSettings.RequestTimeoutSeconds, 1, 24 * 3600, "seconds", problems) is { } seconds
                ? TimeSpan.FromSeconds(seconds)
                : defaults.RequestTimeout,
            MaxSessions = (int)(ReadWhole(configuration, ServeSettings.MaxSessions, 1, 100_000, "sessions", problems) ?? defaults.MaxSessions),
            MaxSessionsPerIdentity = (int)(ReadWhole(configuration, ServeSettings.MaxSessionsPerIdentity, 1, 100_000, "sessions", problems) ?? defaults.MaxSessionsPerIdentity),
            SessionIdleTimeout = ReadWhole(configuration, ServeSettings.SessionIdleMinutes, 1, 7 * 24 * 60, "minutes", problems) is { } minutes
                ? TimeSpan.FromMinutes(minutes)
                : defaults.SessionIdleTimeout,
            MaxConnections = ReadWhole(configuration, ServeSettings.MaxConnections, 10, 1_000_000, "connections", problems) ?? defaults.MaxConnections,
            Dashboard = defaults.Dashboard with
            {
                PerIdentity = (int)(ReadWhole(configuration, ServeSettings.DashboardMaxSessionsPerIdentity, 1, 1000, "sessions", problems) ?? defaults.Dashboard.PerIdentity),
            },
        };
        return problems.Count == before ? settings : null;
    }

    private static AccessTokens ReadTokens(ServeConfiguration configuration, string currentDirectory, ICollection<string> problems)
    {
        if (configuration.Value(ServeSettings.TokensFile) is not { } file)
        {
            return AccessTokens.None;
        }

        try
        {
            return AccessTokenFile.Load(Path.GetFullPath(file, currentDirectory));
        }
        catch (Exception e) when (e is AccessTokenFileException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"{configuration.Source(ServeSettings.TokensFile)}: {e.Message}");
            return AccessTokens.None;
        }
    }

    private static bool ReadBoolean(ServeConfiguration configuration, ServeSetting setting, ICollection<string> problems)
    {
        var text = configuration.Value(setting)?.Trim();
        if (text is null)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{configuration.Source(setting)} must be true or false, got '{text}'");
        return false;
    }

    private static long? ReadWhole(ServeConfiguration configuration, ServeSetting setting, long minimum, long maximum, string unit, ICollection<string> problems)
    {
        var text = configuration.Value(setting);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        problems.Add($"{configuration.Source(setting)} must be a whole number of {unit} from {minimum} to {maximum}, got '{text}'");
        return null;
    }
}
