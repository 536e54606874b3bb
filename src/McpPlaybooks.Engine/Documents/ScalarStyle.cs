namespace McpPlaybooks.Engine.Documents;

/// <summary>How a scalar was written, which tells how its text maps back to source columns.</summary>
public enum ScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}
