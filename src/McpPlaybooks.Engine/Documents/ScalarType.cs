namespace McpPlaybooks.Engine.Documents;

/// <summary>The type of a scalar under the YAML 1.2 core schema (so <c>no</c> stays a string).</summary>
public enum ScalarType
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}
