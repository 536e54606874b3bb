namespace McpPlaybooks.Engine.Actions;

/// <summary>The type a parameter of an action takes.</summary>
public enum ParameterKind
{
    String,
    Boolean,
    Integer,
    Number,

    /// <summary>A duration such as <c>30s</c>.</summary>
    Duration,

    /// <summary>A list of strings, such as a shell command's argv.</summary>
    StringList,

    /// <summary>A list of integers, such as HTTP statuses.</summary>
    IntegerList,

    /// <summary>A mapping of names to strings, such as environment variables or headers.</summary>
    StringMap,

    /// <summary>A mapping of names to any values.</summary>
    Map,

    /// <summary>Any value at all.</summary>
    Any,

    /// <summary>A bare expression (not a <c>{{ }}</c> template), such as <c>assert</c>'s <c>that</c>.</summary>
    Expression,

    /// <summary>A mapping with parameters of its own (<see cref="ActionParameter.Properties"/>).</summary>
    Object,
}
