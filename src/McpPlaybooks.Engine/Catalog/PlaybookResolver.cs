namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// Finds a playbook by id (and optionally version) in the configured folders: the highest version wins
/// when none is named. Files that cannot be read or do not validate are passed over. Each file is read
/// once, so the definition and the content stored with it are the same text. Read at each call (the
/// catalogue's loader, without its watcher): children are rare, and a playbook fixed on disk is picked up at once.
/// </summary>
internal sealed class PlaybookResolver(IReadOnlyList<string> directories)
{
    public ResolvedPlaybook? Resolve(string playbookId, string? version, out string? problem)
    {
        var catalog = CatalogLoader.Load(directories);
        if (catalog.Find(playbookId, version) is not { } match)
        {
            var versions = catalog.Versions(playbookId).Select(e => e.Version).ToList();
            problem = versions.Count > 0
                ? $"playbook '{playbookId}' has no version {version} in the playbook folders (found: {string.Join(", ", versions)})"
                : $"no valid playbook with id '{playbookId}' in the playbook folders ({(directories.Count == 0 ? "none configured" : string.Join(", ", directories))})";
            return null;
        }

        problem = null;
        return new ResolvedPlaybook(match.Definition, match.Content, match.Path);
    }
}
