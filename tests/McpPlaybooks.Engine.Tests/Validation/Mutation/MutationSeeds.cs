namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>
/// The playbooks that mutants are made from: the seeds copied next to the test assembly
/// (Validation/Mutation/Seeds/*.yaml), and the bundled playbooks of the repository (playbooks/*.yaml) when present.
/// </summary>
internal static class MutationSeeds
{
    public static IReadOnlyList<SeedDocument> Load()
    {
        var seeds = new List<SeedDocument>();
        var embedded = Path.Combine(AppContext.BaseDirectory, "Validation", "Mutation", "Seeds");
        seeds.AddRange(Read(embedded));
        if (seeds.Count == 0)
        {
            throw new InvalidOperationException($"no seed playbooks in {embedded}: they are copied there by the build");
        }

        if (FindRepositoryRoot() is { } root)
        {
            seeds.AddRange(Read(Path.Combine(root, "playbooks")));
        }

        return seeds;
    }

    /// <summary>The directory holding McpPlaybooks.sln, above the running assembly.</summary>
    public static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "McpPlaybooks.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static IEnumerable<SeedDocument> Read(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.yaml")
                .Order(StringComparer.Ordinal)
                .Select(path => new SeedDocument(Path.GetFileName(path), File.ReadAllText(path)))
            : [];
}
