namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// One argument of a tool: its snake_case name, JSON type, description (read by a model), and the checks the tool makes
/// before it runs. The input schema and the validation both come from this one declaration.
/// </summary>
internal sealed record ToolParameter(string Name, ToolParameterType Type, string Description)
{
    public bool Required { get; init; }

    /// <summary>The allowed values of a string (a JSON Schema enum).</summary>
    public IReadOnlyList<string>? Values { get; init; }

    public long? Minimum { get; init; }

    public long? Maximum { get; init; }

    /// <summary>The most characters a string may have.</summary>
    public int? MaxLength { get; init; }

    public static ToolParameter String(string name, string description, bool required = false, int? maxLength = null) =>
        new(name, ToolParameterType.String, description) { Required = required, MaxLength = maxLength };

    public static ToolParameter Enum(string name, string description, IReadOnlyList<string> values, bool required = false) =>
        new(name, ToolParameterType.String, description) { Required = required, Values = values };

    public static ToolParameter Integer(string name, string description, long minimum, long maximum, bool required = false) =>
        new(name, ToolParameterType.Integer, description) { Required = required, Minimum = minimum, Maximum = maximum };

    public static ToolParameter Boolean(string name, string description) =>
        new(name, ToolParameterType.Boolean, description);

    public static ToolParameter Object(string name, string description, bool required = false) =>
        new(name, ToolParameterType.Object, description) { Required = required };

    public static ToolParameter ObjectOrString(string name, string description, bool required = false) =>
        new(name, ToolParameterType.ObjectOrString, description) { Required = required };

    public static ToolParameter Strings(string name, string description) =>
        new(name, ToolParameterType.StringArray, description);
}
