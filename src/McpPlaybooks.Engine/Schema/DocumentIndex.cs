using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Schema;

/// <summary>An index from a document's paths (<c>steps[1].with</c>) back to its nodes and mapping keys.</summary>
internal sealed class DocumentIndex
{
    private readonly Dictionary<string, DocumentNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MappingEntry> _keys = new(StringComparer.Ordinal);

    public DocumentIndex(DocumentNode root) => Add(root);

    /// <summary>The node at a path, or the nearest ancestor that exists.</summary>
    public DocumentNode Find(string path)
    {
        while (true)
        {
            if (_nodes.TryGetValue(path, out var node))
            {
                return node;
            }

            path = Parent(path);
        }
    }

    /// <summary>The key of the entry at a path, when the path names a mapping's entry.</summary>
    public MappingEntry? FindEntry(string path) => _keys.GetValueOrDefault(path);

    public static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private void Add(DocumentNode node)
    {
        _nodes[node.Path] = node;
        switch (node)
        {
            case MappingNode map:
                foreach (var entry in map.Entries)
                {
                    _keys[entry.Value.Path] = entry;
                    Add(entry.Value);
                }

                break;
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    Add(item);
                }

                break;
        }
    }
}
