namespace McpPlaybooks.Engine.Documents;

/// <summary>One key and its value in a <see cref="MappingNode"/>.</summary>
public sealed record MappingEntry(ScalarNode Key, DocumentNode Value)
{
    public string Name => Key.Text;
}
