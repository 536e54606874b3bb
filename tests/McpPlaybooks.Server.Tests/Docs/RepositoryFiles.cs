namespace McpPlaybooks.Server.Tests.Docs;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>README.md and every page under docs/, as paths relative to the root.</summary>
    public static IReadOnlyList<string> DocumentationPages() =>
        [
            "README.md",
            .. Directory.GetFiles(PathOf("docs"), "*.md")
                .Select(p => Path.GetRelativePath(Root, p))
                .Order(StringComparer.Ordinal),
        ];

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "McpPlaybooks.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("McpPlaybooks.sln not found above " + AppContext.BaseDirectory);
    }
}
