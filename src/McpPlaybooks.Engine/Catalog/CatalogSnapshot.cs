namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// The catalogue at one moment: every valid playbook version (the first folder wins when two files hold the same id
/// and version), and the files left out. Immutable; <see cref="PlaybookCatalog"/> swaps in a new one when files change.
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly Dictionary<string, List<CatalogEntry>> _byId;

    public CatalogSnapshot(IReadOnlyList<CatalogEntry> entries, IReadOnlyList<CatalogProblem> invalid)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(invalid);
        Entries = entries;
        Invalid = invalid;
        _byId = entries
            .GroupBy(e => e.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Version, SemanticVersionComparer.Instance).ToList(), StringComparer.Ordinal);
        Ids = [.. _byId.Keys.Order(StringComparer.Ordinal)];
    }

    public static CatalogSnapshot Empty { get; } = new([], []);

    /// <summary>Every valid version, in folder and file order.</summary>
    public IReadOnlyList<CatalogEntry> Entries { get; }

    public IReadOnlyList<CatalogProblem> Invalid { get; }

    /// <summary>The playbook ids, sorted.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The versions of one playbook, highest first; empty when the id is unknown.</summary>
    public IReadOnlyList<CatalogEntry> Versions(string playbookId) =>
        _byId.TryGetValue(playbookId, out var versions) ? versions : [];

    /// <summary>One version, or the highest when <paramref name="version"/> is null; null when there is none.</summary>
    public CatalogEntry? Find(string playbookId, string? version = null) =>
        version is null
            ? Versions(playbookId).FirstOrDefault()
            : Versions(playbookId).FirstOrDefault(e => e.Version == version);

    /// <summary>The latest version of every playbook, by id.</summary>
    public IEnumerable<CatalogEntry> Latest => Ids.Select(id => _byId[id][0]);

    /// <summary>Whether two snapshots hold the same files with the same texts (a reload that changed nothing).</summary>
    public bool SameAs(CatalogSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Entries.Select(e => (e.Path, e.Sha256)).SequenceEqual(other.Entries.Select(e => (e.Path, e.Sha256)))
            && Invalid.Select(p => p.Path).SequenceEqual(other.Invalid.Select(p => p.Path));
    }
}
