using System.Globalization;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Cli.Run;
using McpPlaybooks.Server.Hosting.Http;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// Turns <see cref="ServeConfiguration"/> into <see cref="ServeOptions"/>: the data directory, the playbook folders (the
/// bundled <c>playbooks/</c> unless configured, the data directory's <c>playbooks/</c> always last), the engine's options
/// (read by <see cref="EngineOptionsFromEnvironment"/> through the configuration), the log level, the shutdown grace,
/// and the HTTP transport's settings (<see cref="HttpSettingsReader"/>).
/// </summary>
internal static class ServeOptionsReader
{
    private static readonly string[] LevelNames = [.. Enum.GetNames<LogLevel>()];

    /// <summary>The options, or null when a setting is wrong: each problem, naming where the value came from, is added to <paramref name="problems"/>.</summary>
    /// <param name="configuration">The layered configuration.</param>
    /// <param name="baseDirectory">The executable's folder, which holds the bundled <c>playbooks/</c> and <c>prompts/</c>.</param>
    /// <param name="currentDirectory">What relative paths are taken from.</param>
    /// <param name="environment">Reads variables that are not settings (<c>XDG_DATA_HOME</c>, <c>HOME</c>) for the default data directory.</param>
    /// <param name="problems">Collects one sentence per problem.</param>
    public static ServeOptions? Read(
        ServeConfiguration configuration,
        string baseDirectory,
        string currentDirectory,
        Func<string, string?> environment,
        ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var dataDirectory = DataDirectory.Resolve(configuration.Value(ServeSettings.DataDir), environment, currentDirectory);
        var folders = PlaybookFolders(configuration, baseDirectory, currentDirectory, problems);

        var engineProblems = new List<string>();
        var engine = EngineOptionsFromEnvironment.Read(
            dataDirectory,
            variable => Lookup(configuration, environment, variable),
            engineProblems,
            [.. folders, Path.Combine(dataDirectory, "playbooks")],
            resumeOnOpen: true,
            currentDirectory: currentDirectory);

        // Its sentences name the variable; the value may have come from a file.
        foreach (var problem in engineProblems)
        {
            var setting = ServeSettings.All.FirstOrDefault(s => problem.StartsWith(s.Variable, StringComparison.Ordinal));
            problems.Add(setting is null ? problem : configuration.Source(setting) + problem[setting.Variable.Length..]);
        }

        var options = new ServeOptions
        {
            Server = new ServerSettings
            {
                Engine = engine,
                PlaybookDirectories = folders,
                PromptDirectory = Path.Combine(baseDirectory, "prompts"),
                Roles = configuration.Values(ServeSettings.Roles) ?? [],
                Approvals = ApprovalSettingsReader.Read(variable => Lookup(configuration, environment, variable), problems),
            },
            LogLevel = ReadLevel(configuration, problems),
            ShutdownGrace = ReadSeconds(configuration, ServeSettings.ShutdownGraceSeconds, 5, problems),
            ClientWait = ReadSeconds(configuration, ServeSettings.StdioClientWaitSeconds, 3, problems),
            Http = HttpSettingsReader.Read(configuration, currentDirectory, problems),
            Ui = Dashboard.DashboardAddressReader.Read(configuration, problems),
        };
        return problems.Count == before ? options : null;
    }

    /// <summary>The configured folders, which must exist, else the bundled <c>playbooks/</c> when it exists.</summary>
    private static List<string> PlaybookFolders(ServeConfiguration configuration, string baseDirectory, string currentDirectory, ICollection<string> problems)
    {
        if (configuration.Values(ServeSettings.Playbooks) is not { Count: > 0 } configured)
        {
            var bundled = Path.Combine(baseDirectory, "playbooks");
            return Directory.Exists(bundled) ? [bundled] : [];
        }

        var folders = configured.Select(folder => Path.GetFullPath(folder, currentDirectory)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var missing in folders.Where(folder => !Directory.Exists(folder)))
        {
            problems.Add($"{configuration.Source(ServeSettings.Playbooks)}: the playbook folder {missing} does not exist");
        }

        return folders;
    }

    /// <summary>An <c>MCPPLAYBOOKS_*</c> variable's value as the configuration has it (a list joined with commas).</summary>
    private static string? Lookup(ServeConfiguration configuration, Func<string, string?> environment, string variable) =>
        ServeSettings.ByVariable(variable) switch
        {
            null => environment(variable),
            { IsList: true } list => configuration.Values(list) is { } items ? string.Join(',', items) : null,
            var setting => configuration.Value(setting),
        };

    private static LogLevel ReadLevel(ServeConfiguration configuration, ICollection<string> problems)
    {
        var text = configuration.Value(ServeSettings.LogLevel);
        if (text is null)
        {
            return LogLevel.Information;
        }

        var name = LevelNames.FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is not null)
        {
            return Enum.Parse<LogLevel>(name);
        }

        problems.Add($"{configuration.Source(ServeSettings.LogLevel)} must be one of {string.Join(", ", LevelNames)}, got '{text}'");
        return LogLevel.Information;
    }

    /// <summary>A whole number of seconds from 0 to 3600, or <paramref name="byDefault"/> when unset.</summary>
    private static TimeSpan ReadSeconds(ServeConfiguration configuration, ServeSetting setting, int byDefault, ICollection<string> problems)
    {
        var text = configuration.Value(setting);
        if (text is null)
        {
            return TimeSpan.FromSeconds(byDefault);
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 3600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        problems.Add($"{configuration.Source(setting)} must be a whole number of seconds from 0 to 3600, got '{text}'");
        return TimeSpan.FromSeconds(byDefault);
    }
}
