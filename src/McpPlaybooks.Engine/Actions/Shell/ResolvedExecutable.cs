namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// An executable looked up: its full path when a file was found, and where it was looked for
/// (the <c>PATH</c> searched, or the full path of a name with a '/').
/// </summary>
internal sealed record ResolvedExecutable(string Name, ExecutableStatus Status, string? FullPath, string SearchedIn, bool SearchedPath)
{
    /// <summary>The breaker key: the full path, or the bare name when it could not be resolved.</summary>
    public string Target => "exec:" + (Status == ExecutableStatus.Found ? FullPath : Name);
}
