using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions;

/// <summary>Reads arguments: literal ones out of a <c>with:</c> at load time, rendered ones at run time.</summary>
internal static class ActionArguments
{
    /// <summary>The argument's text when it is a literal string; null when absent or computed at run time.</summary>
    public static string? LiteralString(ObjectTemplate with, string name) =>
        with[name] is LiteralTemplate { Value.Kind: ValueKind.String } literal ? literal.Value.ToDisplayString() : null;

    /// <summary>The rendered argument, or null when it is absent or null.</summary>
    public static Value? Argument(this Value arguments, string name) =>
        arguments.TryGetProperty(name, out var value) && value.Kind != ValueKind.Null ? value : null;

    /// <summary>The rendered argument as text (<see cref="Value.ToDisplayString"/>), or null when it is absent or null.</summary>
    public static string? ArgumentText(this Value arguments, string name) => arguments.Argument(name)?.ToDisplayString();
}
