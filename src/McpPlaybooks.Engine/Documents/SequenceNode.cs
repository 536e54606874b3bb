namespace McpPlaybooks.Engine.Documents;

/// <summary>A sequence (YAML) or array (JSON).</summary>
public sealed class SequenceNode(SourceLocation location, string path, IReadOnlyList<DocumentNode> items)
    : DocumentNode(location, path)
{
    public IReadOnlyList<DocumentNode> Items { get; } = items;

    public override string KindName => "a list";
}
