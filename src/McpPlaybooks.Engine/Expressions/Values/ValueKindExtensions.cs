namespace McpPlaybooks.Engine.Expressions.Values;

internal static class ValueKindExtensions
{
    /// <summary>The lower-case name used in messages: null, boolean, number, string, list, object.</summary>
    public static string ToDisplayName(this ValueKind kind) => kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => "boolean",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        ValueKind.List => "list",
        ValueKind.Object => "object",
        _ => kind.ToString(),
    };

    /// <summary>The name with its article, for messages: "a list", "an object".</summary>
    public static string WithArticle(this ValueKind kind) =>
        kind == ValueKind.Object ? "an object" : "a " + kind.ToDisplayName();
}
