namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>The JSON type a tool argument must have.</summary>
internal enum ToolParameterType
{
    String,
    Integer,
    Boolean,

    /// <summary>A JSON object (inputs, an incident, a payload).</summary>
    Object,

    /// <summary>
    /// A JSON object, declared as one; a string is still accepted (an incident described in words), as callers sent it
    /// before the schema gave one type per argument.
    /// </summary>
    ObjectOrText,

    /// <summary>An array of strings (tags).</summary>
    StringArray,
}
