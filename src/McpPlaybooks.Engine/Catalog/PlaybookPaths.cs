namespace McpPlaybooks.Engine.Catalog;

/// <summary>Turns the paths given on the command line into the playbook files to validate.</summary>
public static class PlaybookPaths
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>
    /// A directory stands for its playbook files (<c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>; not
    /// recursive; sorted). Any other path is kept as given, even when it does not exist, so the
    /// validator reports it. Paths keep the form the user typed: relative stays relative.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            files.AddRange(Directory.Exists(path) ? FilesIn(path) : [path]);
        }

        return files;
    }

    private static IEnumerable<string> FilesIn(string directory)
    {
        try
        {
            return Directory.EnumerateFiles(directory)
                .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable directory: the validator reports the path as unreadable.
            return [directory];
        }
    }
}
