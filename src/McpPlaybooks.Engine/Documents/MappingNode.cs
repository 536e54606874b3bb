namespace McpPlaybooks.Engine.Documents;

/// <summary>A mapping (YAML) or object (JSON), with its keys in document order.</summary>
public sealed class MappingNode(SourceLocation location, string path, IReadOnlyList<MappingEntry> entries)
    : DocumentNode(location, path)
{
    private readonly Dictionary<string, MappingEntry> _byName = Index(entries);

    public IReadOnlyList<MappingEntry> Entries { get; } = entries;

    public override string KindName => "a mapping";

    public DocumentNode? this[string key] => _byName.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>The location of <paramref name="key"/>'s value when present, else of the mapping itself.</summary>
    public SourceLocation LocationOf(string key) =>
        _byName.TryGetValue(key, out var entry) ? entry.Value.Location : Location;

    /// <summary>The location of the key <paramref name="key"/> when present, else of the mapping itself.</summary>
    public SourceLocation KeyLocationOf(string key) =>
        _byName.TryGetValue(key, out var entry) ? entry.Key.Location : Location;

    private static Dictionary<string, MappingEntry> Index(IReadOnlyList<MappingEntry> entries)
    {
        var index = new Dictionary<string, MappingEntry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // The reader reports duplicate keys; the first one wins here.
            index.TryAdd(entry.Name, entry);
        }

        return index;
    }
}
