namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Where the history lives when no <c>--data-dir</c> is given: <c>MCPPLAYBOOKS_DATA_DIR</c>, else
/// <c>$XDG_DATA_HOME/mcp-playbooks</c>, else <c>~/.local/share/mcp-playbooks</c> (design §7).
/// </summary>
internal static class DataDirectory
{
    public const string Variable = "MCPPLAYBOOKS_DATA_DIR";

    /// <summary>The data directory as a full path; a relative one is taken from <paramref name="currentDirectory"/>.</summary>
    public static string Resolve(string? given, Func<string, string?> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var directory = NonEmpty(given)
            ?? NonEmpty(environment(Variable))
            ?? (NonEmpty(environment("XDG_DATA_HOME")) is { } xdg ? Path.Combine(xdg, "mcp-playbooks") : null)
            ?? Path.Combine(Home(environment), ".local", "share", "mcp-playbooks");
        return Path.GetFullPath(directory, currentDirectory);
    }

    private static string Home(Func<string, string?> environment) =>
        NonEmpty(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
