using System.Globalization;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.History.Location;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Reads the engine's configuration from <c>MCPPLAYBOOKS_*</c> environment variables: the secrets
/// file, whether shell scripts are allowed, the executable and host allowlists (comma-separated), the learning
/// memory's switch and retention, and the circuit breakers' thresholds (<see cref="BreakerSettingsReader"/>).
/// </summary>
internal static class EngineOptionsFromEnvironment
{
    public const string SecretsFile = "MCPPLAYBOOKS_SECRETS_FILE";
    public const string AllowShellScripts = "MCPPLAYBOOKS_ALLOW_SHELL_SCRIPTS";
    public const string ExecutableAllowlist = "MCPPLAYBOOKS_EXECUTABLE_ALLOWLIST";
    public const string HostAllowlist = "MCPPLAYBOOKS_HOST_ALLOWLIST";

    /// <summary>Where the history is: an SQLite path, or a PostgreSQL connection string (<see cref="EngineOptions.Database"/>); unset: the data directory's file.</summary>
    public const string Database = "MCPPLAYBOOKS_DATABASE";

    /// <summary>Seconds writes wait for a lost connection to a database server to come back (<see cref="EngineOptions.HistoryReconnectFor"/>; 60 by default).</summary>
    public const string DatabaseReconnectSeconds = "MCPPLAYBOOKS_DATABASE_RECONNECT_SECONDS";

    /// <summary>Seconds opening waits for a database server that cannot be reached yet (<see cref="EngineOptions.HistoryWaitAtStart"/>; 0 by default: fail at once).</summary>
    public const string DatabaseWaitSeconds = "MCPPLAYBOOKS_DATABASE_WAIT_SECONDS";

    /// <summary>The longest wait accepted for either, in seconds (an hour).</summary>
    public const int MaxDatabaseSeconds = 3600;

    /// <summary>Days of step attempts and logs kept for finished executions (<see cref="EngineOptions.RetainAttemptsFor"/>); unset keeps all.</summary>
    public const string RetainHistoryDays = "MCPPLAYBOOKS_RETAIN_HISTORY_DAYS";

    /// <summary>Whether finished executions are folded into the learning memory (<see cref="EngineOptions.LearningMemory"/>); true by default.</summary>
    public const string LearningMemory = "MCPPLAYBOOKS_LEARNING_MEMORY";

    /// <summary>
    /// Whether an assistant's decision (approve_step with no verified identity) counts on every gate
    /// (<see cref="EngineOptions.AcceptAssistantApprovals"/>); false by default.
    /// </summary>
    public const string AcceptAssistantApprovals = "MCPPLAYBOOKS_ACCEPT_ASSISTANT_APPROVALS";

    /// <summary>The longest retention accepted, in days (ten years).</summary>
    public const int MaxRetainHistoryDays = 3650;

    /// <summary>
    /// Test only (crash tests): a positive integer N makes the process kill itself with SIGKILL right after its Nth
    /// history commit (<see cref="EngineOptions.KillAfterCommits"/>). Never set it outside tests.
    /// </summary>
    public const string TestKillAfterCommits = "MCPPLAYBOOKS_TEST_KILL_AFTER_COMMITS";

    /// <summary>
    /// Test only (crash tests): the lease a process holds on its executions, in milliseconds
    /// (<see cref="EngineOptions.LeaseDuration"/>, 15 s by default), so that a killed process's executions are free
    /// within a fraction of a second. Never set it outside tests.
    /// </summary>
    public const string TestLeaseMilliseconds = "MCPPLAYBOOKS_TEST_LEASE_MS";

    /// <summary>The options; a value that cannot be read adds a sentence to <paramref name="problems"/> and keeps the default.</summary>
    /// <param name="dataDirectory">The data directory, already resolved.</param>
    /// <param name="environment">Reads one variable; null when unset.</param>
    /// <param name="problems">Collects what could not be read.</param>
    /// <param name="playbookDirectories">The folders the <c>playbook</c> action finds child playbooks in (the locator's folders).</param>
    /// <param name="resumeOnOpen">Whether opening the engine takes over unfinished executions (<c>resume</c> does it itself).</param>
    /// <param name="currentDirectory">What a relative database path is taken from (the process's current directory when null).</param>
    /// <param name="database">Where the history is, already read (a command's <see cref="HistoryTarget"/>): then <see cref="Database"/> is not read.</param>
    public static EngineOptions Read(
        string dataDirectory,
        Func<string, string?> environment,
        ICollection<string> problems,
        IReadOnlyList<string>? playbookDirectories = null,
        bool resumeOnOpen = true,
        string? currentDirectory = null,
        HistoryLocation? database = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problems);
        var defaults = new EngineOptions { DataDirectory = dataDirectory };
        var lease = ReadPositive(environment(TestLeaseMilliseconds), TestLeaseMilliseconds, problems);
        var retainDays = ReadPositive(environment(RetainHistoryDays), RetainHistoryDays, problems);
        if (retainDays > MaxRetainHistoryDays)
        {
            problems.Add($"{RetainHistoryDays} must be a number of days from 1 to {MaxRetainHistoryDays}, got '{environment(RetainHistoryDays)}'");
            retainDays = null;
        }
        return new EngineOptions
        {
            DataDirectory = dataDirectory,
            Database = database ?? ReadDatabase(environment, defaults.DatabasePath, currentDirectory ?? Directory.GetCurrentDirectory(), problems),
            SecretsFile = string.IsNullOrWhiteSpace(environment(SecretsFile)) ? null : environment(SecretsFile)!.Trim(),
            AllowShellScripts = ReadBoolean(environment(AllowShellScripts), AllowShellScripts, problems),
            ExecutableAllowlist = ReadList(environment(ExecutableAllowlist)),
            HostAllowlist = ReadList(environment(HostAllowlist)),
            PlaybookDirectories = playbookDirectories ?? [],
            KillAfterCommits = ReadPositive(environment(TestKillAfterCommits), TestKillAfterCommits, problems),
            ResumeOnOpen = resumeOnOpen,
            LeaseDuration = lease is { } ms ? TimeSpan.FromMilliseconds(ms) : defaults.LeaseDuration,
            RetainAttemptsFor = retainDays is { } days ? TimeSpan.FromDays(days) : null,
            LearningMemory = string.IsNullOrWhiteSpace(environment(LearningMemory)) || ReadBoolean(environment(LearningMemory), LearningMemory, problems),
            Breakers = BreakerSettingsReader.Read(environment, problems),
            AcceptAssistantApprovals = ReadBoolean(environment(AcceptAssistantApprovals), AcceptAssistantApprovals, problems),
            HistoryReconnectFor = ReadSeconds(environment(DatabaseReconnectSeconds), DatabaseReconnectSeconds, problems) ?? defaults.HistoryReconnectFor,
            HistoryWaitAtStart = ReadSeconds(environment(DatabaseWaitSeconds), DatabaseWaitSeconds, problems) ?? defaults.HistoryWaitAtStart,
        };
    }

    /// <summary>The configured history location, or null for the data directory's file; the sentence of a problem never quotes the value (it may hold a password).</summary>
    private static HistoryLocation? ReadDatabase(Func<string, string?> environment, string defaultPath, string currentDirectory, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(environment(Database)))
        {
            return null;
        }

        var location = HistoryLocation.Parse(environment(Database), defaultPath, currentDirectory, environment, out var problem);
        if (problem is not null)
        {
            problems.Add($"{Database}: {problem}");
        }

        return location;
    }

    private static bool ReadBoolean(string? text, string name, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        problems.Add($"{name} must be true or false, got '{text}'");
        return false;
    }

    private static int? ReadPositive(string? text, string name, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        problems.Add($"{name} must be a positive whole number, got '{text}'");
        return null;
    }

    private static TimeSpan? ReadSeconds(string? text, string name, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= MaxDatabaseSeconds)
        {
            return TimeSpan.FromSeconds(value);
        }

        problems.Add($"{name} must be a number of seconds from 0 to {MaxDatabaseSeconds}, got '{text}'");
        return null;
    }

    private static string[] ReadList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
