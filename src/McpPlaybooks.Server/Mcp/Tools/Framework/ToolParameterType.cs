namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>The JSON type a tool argument must have.</summary>
internal enum ToolParameterType
{
    String,
    Integer,
    Boolean,

    /// <summary>A JSON object (inputs, an incident, a payload).</summary>
    Object,

    /// <summary>A JSON object or a string (an incident may be described in words).</summary>
    ObjectOrString,

    /// <summary>An array of strings (tags).</summary>
    StringArray,
}
