namespace McpPlaybooks.Engine.Expressions;

/// <summary>The kind of a <see cref="Value"/>.</summary>
public enum ValueKind
{
    Null,
    Boolean,
    Number,
    String,
    List,
    Object,
}
