using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions;

/// <summary>Reads literal arguments out of a <c>with:</c> at load time.</summary>
internal static class ActionArguments
{
    /// <summary>The argument's text when it is a literal string; null when absent or computed at run time.</summary>
    public static string? LiteralString(ObjectTemplate with, string name) =>
        with[name] is LiteralTemplate { Value.Kind: ValueKind.String } literal ? literal.Value.ToDisplayString() : null;
}
