namespace McpPlaybooks.Engine.Documents;

/// <summary>A position in a playbook's source text. Line and column are 1-based; 0 means unknown.</summary>
public readonly record struct SourceLocation(int Line, int Column)
{
    public static SourceLocation Unknown => default;

    public bool IsKnown => Line > 0;

    /// <summary>The location <paramref name="columns"/> characters to the right, on the same line.</summary>
    public SourceLocation Offset(int columns) => IsKnown ? new(Line, Column + columns) : this;

    public override string ToString() => $"{Line}:{Column}";
}
