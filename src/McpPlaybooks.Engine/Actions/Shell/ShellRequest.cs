namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// The shell action's arguments once checked: the argument vector (the program first; for a
/// <c>script:</c>, <c>/bin/sh -c script</c>), the environment changes, the directory and the input.
/// </summary>
internal sealed record ShellRequest(
    IReadOnlyList<string> Command,
    bool IsScript,
    IReadOnlyList<KeyValuePair<string, string?>> Environment,
    string? WorkingDirectory,
    string? Stdin,
    bool AllowDashArguments)
{
    /// <summary>The shell a <c>script:</c> runs through.</summary>
    public const string ScriptShell = "/bin/sh";

    /// <summary>The program as written (a name or a path).</summary>
    public string Program => Command[0];

    /// <summary>The <c>PATH</c> the step sets in <c>env:</c>, or null when it sets none.</summary>
    public string? PathOverride =>
        Environment.LastOrDefault(pair => string.Equals(pair.Key, "PATH", StringComparison.Ordinal)) is { Key: not null } pair
            ? pair.Value ?? ""
            : null;
}
