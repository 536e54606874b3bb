namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// The executables the server lets <c>shell</c> start: an absolute entry matches the resolved full
/// path, a bare name matches the resolved file's name. An empty list allows any.
/// </summary>
internal static class ExecutableAllowlist
{
    public static bool Permits(IReadOnlyList<string> allowlist, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(allowlist);
        if (allowlist.Count == 0)
        {
            return true;
        }

        var fileName = Path.GetFileName(fullPath);
        foreach (var entry in allowlist)
        {
            var matches = Path.IsPathRooted(entry)
                ? string.Equals(Path.GetFullPath(entry), fullPath, StringComparison.Ordinal)
                : string.Equals(entry, fileName, StringComparison.Ordinal);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
