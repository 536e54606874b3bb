namespace McpPlaybooks.Engine.Tests;

/// <summary>Where the repository's own files are, from a test's output folder.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Playbooks => Path.Combine(RepositoryRoot, "playbooks");

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
