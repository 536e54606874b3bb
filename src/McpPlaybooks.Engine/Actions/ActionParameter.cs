namespace McpPlaybooks.Engine.Actions;

/// <summary>One parameter of an action's <c>with:</c>.</summary>
public sealed record ActionParameter(string Name, ParameterKind Kind, string Description)
{
    public bool Required { get; init; }

    /// <summary>When set, a literal value must be one of these.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>The parameters of an <see cref="ParameterKind.Object"/>.</summary>
    public IReadOnlyList<ActionParameter> Properties { get; init; } = [];

    public static ActionParameter Of(string name, ParameterKind kind, string description, bool required = false) =>
        new(name, kind, description) { Required = required };
}
