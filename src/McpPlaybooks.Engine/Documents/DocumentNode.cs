namespace McpPlaybooks.Engine.Documents;

/// <summary>
/// A node of a playbook document (YAML or JSON) that remembers where it came from,
/// so that any later error can point at its source.
/// </summary>
public abstract class DocumentNode(SourceLocation location, string path)
{
    /// <summary>Where the node starts in the source text.</summary>
    public SourceLocation Location { get; } = location;

    /// <summary>Where the node is in the document, such as <c>steps[1].with.command[0]</c>; empty for the root.</summary>
    public string Path { get; } = path;

    /// <summary>A word for error messages: "a mapping", "a list", "a string", "a number"...</summary>
    public abstract string KindName { get; }

    internal static string Child(string path, string key) =>
        path.Length == 0 ? key : $"{path}.{key}";

    internal static string Item(string path, int index) => $"{path}[{index}]";
}
