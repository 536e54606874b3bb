using McpPlaybooks.Engine.Documents;
using Newtonsoft.Json.Linq;

namespace McpPlaybooks.Engine.Schema;

/// <summary>A document as JSON for the schema validator, with an index from JSON paths back to the nodes.</summary>
internal sealed class DocumentJson
{
    private readonly Dictionary<string, DocumentNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MappingEntry> _keys = new(StringComparer.Ordinal);

    public DocumentJson(DocumentNode root) => Token = Convert(root);

    public JToken Token { get; }

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

    private JToken Convert(DocumentNode node)
    {
        _nodes[node.Path] = node;
        switch (node)
        {
            case MappingNode map:
                var json = new JObject();
                foreach (var entry in map.Entries)
                {
                    _keys[entry.Value.Path] = entry;
                    json[entry.Name] = Convert(entry.Value);
                }

                return json;
            case SequenceNode list:
                return new JArray(list.Items.Select(Convert));
            case ScalarNode scalar:
                return Scalar(scalar);
            default:
                return JValue.CreateNull();
        }
    }

    private static JValue Scalar(ScalarNode scalar)
    {
        if (scalar.TryGetBoolean(out var boolean))
        {
            return new JValue(boolean);
        }

        if (scalar.TryGetInteger(out var integer))
        {
            return new JValue(integer);
        }

        if (scalar.TryGetNumber(out var number))
        {
            return new JValue(number);
        }

        return scalar.Type == ScalarType.Null ? JValue.CreateNull() : new JValue(scalar.Text);
    }
}
