using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// Finds a playbook by id (and optionally version) in the configured folders: the highest version wins
/// when none is named. Files that cannot be read or do not validate are passed over. Each file is read
/// once, so the definition and the content stored with it are the same text. Read at each call:
/// children are rare, and a playbook fixed on disk is picked up at once.
/// </summary>
internal sealed class PlaybookResolver(IReadOnlyList<string> directories)
{
    public ResolvedPlaybook? Resolve(string playbookId, string? version, out string? problem)
    {
        var validator = new PlaybookValidator();
        var found = PlaybookPaths.Expand(directories.Where(Directory.Exists))
            .Select(path => (Path: path, Text: TryRead(path)))
            .Where(f => f.Text is not null)
            .Select(f => (f.Path, f.Text, Report: validator.ValidateText(f.Text!, f.Path)))
            .Where(f => f.Report.Playbook is not null && !f.Report.HasErrors && f.Report.Playbook.Id == playbookId)
            .ToList();
        var match = found
            .Where(f => version is null || f.Report.Playbook!.Version == version)
            .OrderByDescending(f => f.Report.Playbook!.Version, SemanticVersionComparer.Instance)
            .FirstOrDefault();
        if (match.Report is null)
        {
            var versions = found.Select(f => f.Report.Playbook!.Version).ToList();
            problem = versions.Count > 0
                ? $"playbook '{playbookId}' has no version {version} in the playbook folders (found: {string.Join(", ", versions)})"
                : $"no valid playbook with id '{playbookId}' in the playbook folders ({(directories.Count == 0 ? "none configured" : string.Join(", ", directories))})";
            return null;
        }

        problem = null;
        return new ResolvedPlaybook(match.Report.Playbook!, match.Text!, match.Path);
    }

    /// <summary>The file's text, or null when it cannot be read (gone since the listing, no permission): passed over.</summary>
    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
