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

    /// <summary>The most characters a string may have: every string has a bound (<see cref="ShortText"/> unless told).</summary>
    public int? MaxLength { get; init; }

    /// <summary>The bound of an id, a name or a short note: short enough that a result may repeat it.</summary>
    public const int ShortText = 100;

    /// <summary>The most bytes of JSON an object argument (inputs, an incident, a payload) may have.</summary>
    public const int MaxObjectBytes = 64 * 1024;

    public static ToolParameter String(string name, string description, bool required = false, int maxLength = ShortText) =>
        new(name, ToolParameterType.String, description) { Required = required, MaxLength = maxLength };

    public static ToolParameter Enum(string name, string description, IReadOnlyList<string> values, bool required = false) =>
        new(name, ToolParameterType.String, description) { Required = required, Values = values, MaxLength = values.Max(v => v.Length) };

    public static ToolParameter Integer(string name, string description, long minimum, long maximum, bool required = false) =>
        new(name, ToolParameterType.Integer, description) { Required = required, Minimum = minimum, Maximum = maximum };

    public static ToolParameter Boolean(string name, string description) =>
        new(name, ToolParameterType.Boolean, description);

    public static ToolParameter Object(string name, string description, bool required = false) =>
        new(name, ToolParameterType.Object, description) { Required = required };

    /// <summary>An object in the schema; a string is accepted too (callers sent one before), read as <c>{"text": ...}</c>.</summary>
    public static ToolParameter ObjectOrText(string name, string description, bool required = false) =>
        new(name, ToolParameterType.ObjectOrText, description) { Required = required, MaxLength = MaxTextForObject };

    public static ToolParameter Strings(string name, string description, int maxLength = ShortText) =>
        new(name, ToolParameterType.StringArray, description) { MaxLength = maxLength };

    /// <summary>The most characters of the string form of an <see cref="ObjectOrText"/> argument.</summary>
    private const int MaxTextForObject = 2000;
}
