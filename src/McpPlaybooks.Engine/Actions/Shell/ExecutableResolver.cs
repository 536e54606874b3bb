namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// Finds the file a program name means, as <c>execvp</c> would: a name with a '/' is a path
/// (relative to the working directory); any other name is searched in <c>PATH</c>.
/// </summary>
internal static class ExecutableResolver
{
    /// <summary>The search path when <c>PATH</c> is unset or empty, as the C library's default.</summary>
    public const string DefaultPath = "/usr/local/bin:/usr/bin:/bin";

    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <param name="name">The program as written.</param>
    /// <param name="pathVariable">The <c>PATH</c> to search; null or empty means <see cref="DefaultPath"/>.</param>
    /// <param name="workingDirectory">The directory a relative path is taken from.</param>
    public static ResolvedExecutable Resolve(string name, string? pathVariable, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(name, workingDirectory);
            return new ResolvedExecutable(name, StatusOf(full), full, full, SearchedPath: false);
        }

        var searched = string.IsNullOrEmpty(pathVariable) ? DefaultPath : pathVariable;
        string? notExecutable = null;
        if (name is not ("." or ".."))
        {
            foreach (var directory in searched.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.GetFullPath(Path.Combine(directory, name), workingDirectory);
                switch (StatusOf(candidate))
                {
                    case ExecutableStatus.Found:
                        return new ResolvedExecutable(name, ExecutableStatus.Found, candidate, searched, SearchedPath: true);
                    case ExecutableStatus.NotExecutable:
                        notExecutable ??= candidate;
                        break;
                }
            }
        }

        return notExecutable is null
            ? new ResolvedExecutable(name, ExecutableStatus.NotFound, null, searched, SearchedPath: true)
            : new ResolvedExecutable(name, ExecutableStatus.NotExecutable, notExecutable, searched, SearchedPath: true);
    }

    private static ExecutableStatus StatusOf(string path)
    {
        if (!File.Exists(path))
        {
            return Directory.Exists(path) ? ExecutableStatus.NotExecutable : ExecutableStatus.NotFound;
        }

        if (OperatingSystem.IsWindows())
        {
            return ExecutableStatus.Found;
        }

        try
        {
            return (File.GetUnixFileMode(path) & AnyExecute) != 0 ? ExecutableStatus.Found : ExecutableStatus.NotExecutable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ExecutableStatus.NotExecutable;
        }
    }
}
