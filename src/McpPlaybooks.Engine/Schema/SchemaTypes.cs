namespace McpPlaybooks.Engine.Schema;

/// <summary>The JSON types a schema's <c>type</c> allows.</summary>
[Flags]
internal enum SchemaTypes
{
    None = 0,
    String = 1,
    Boolean = 2,
    Integer = 4,
    Number = 8,
    Array = 16,
    Object = 32,
    Null = 64,
}
