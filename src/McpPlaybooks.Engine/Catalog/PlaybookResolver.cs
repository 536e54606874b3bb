namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// Finds a child playbook by id (and optionally version) in the configured folders: the highest version wins when none
/// is named. Files that cannot be read or do not validate are passed over. Each call reads the folders again, so a
/// playbook fixed on disk is picked up at once, but validates only the files whose text changed: from its own
/// <see cref="CatalogLoader"/>, or from the server's catalogue once given one (<see cref="Use"/>), so that a file is not
/// validated twice in a process. The definition and the content returned are the same text.
/// </summary>
internal sealed class PlaybookResolver(IReadOnlyList<string> directories)
{
    private readonly CatalogLoader _loader = new();
    private PlaybookCatalog? _catalog;

    /// <summary>Finds children in <paramref name="catalog"/> from now on (its folders, its validated files).</summary>
    public void Use(PlaybookCatalog catalog) => Volatile.Write(ref _catalog, catalog);

    public ResolvedPlaybook? Resolve(string playbookId, string? version, out string? problem)
    {
        var catalog = Volatile.Read(ref _catalog) is { } shared ? shared.Reload() : _loader.Load(directories);
        if (catalog.Find(playbookId, version) is not { } match)
        {
            var versions = catalog.Versions(playbookId).Select(e => e.Version).ToList();
            var folders = _catalog?.Directories ?? directories;
            var invalid = catalog.Invalid.FirstOrDefault(p => p.PlaybookId == playbookId);
            problem = versions.Count > 0
                ? $"playbook '{playbookId}' has no version {version} in the playbook folders (found: {string.Join(", ", versions)})"
                : invalid is not null
                ? $"no valid playbook with id '{playbookId}': {invalid.Path} has {invalid.Errors.Count} error{(invalid.Errors.Count == 1 ? "" : "s")} (validate it and fix them)"
                : $"no valid playbook with id '{playbookId}' in the playbook folders ({(folders.Count == 0 ? "none configured" : string.Join(", ", folders))})";
            return null;
        }

        problem = null;
        return new ResolvedPlaybook(match.Definition, match.Content, match.Path);
    }
}
