using McpPlaybooks.Engine.Configuration;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Reads the engine's configuration from <c>MCPPLAYBOOKS_*</c> environment variables: the secrets
/// file, whether shell scripts are allowed, and the executable and host allowlists (comma-separated).
/// </summary>
internal static class EngineOptionsFromEnvironment
{
    public const string SecretsFile = "MCPPLAYBOOKS_SECRETS_FILE";
    public const string AllowShellScripts = "MCPPLAYBOOKS_ALLOW_SHELL_SCRIPTS";
    public const string ExecutableAllowlist = "MCPPLAYBOOKS_EXECUTABLE_ALLOWLIST";
    public const string HostAllowlist = "MCPPLAYBOOKS_HOST_ALLOWLIST";

    /// <summary>The options; a value that cannot be read adds a sentence to <paramref name="problems"/> and keeps the default.</summary>
    public static EngineOptions Read(string dataDirectory, Func<string, string?> environment, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problems);
        return new EngineOptions
        {
            DataDirectory = dataDirectory,
            SecretsFile = string.IsNullOrWhiteSpace(environment(SecretsFile)) ? null : environment(SecretsFile)!.Trim(),
            AllowShellScripts = ReadBoolean(environment(AllowShellScripts), AllowShellScripts, problems),
            ExecutableAllowlist = ReadList(environment(ExecutableAllowlist)),
            HostAllowlist = ReadList(environment(HostAllowlist)),
        };
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

    private static string[] ReadList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
