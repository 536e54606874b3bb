using System.Text.Json;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// A tool's arguments after <see cref="ToolArgumentParser"/> checked them against the tool's parameters: every value
/// present has the declared type and passes the declared checks. An optional argument sent as null, or as an empty
/// string, counts as absent.
/// </summary>
internal sealed class ToolArguments(IReadOnlyDictionary<string, JsonElement> values)
{
    public bool Has(string name) => values.ContainsKey(name);

    public string? String(string name) => values.TryGetValue(name, out var value) ? value.GetString() : null;

    /// <summary>A required string (the parser made sure it is there).</summary>
    public string Required(string name) =>
        String(name) ?? throw new InvalidOperationException($"'{name}' is not declared as required");

    public long? Integer(string name) => values.TryGetValue(name, out var value) ? value.GetInt64() : null;

    public bool? Boolean(string name) => values.TryGetValue(name, out var value) ? value.GetBoolean() : null;

    /// <summary>An object, or (for <see cref="ToolParameterType.ObjectOrText"/>) a string, as JSON.</summary>
    public JsonElement? Json(string name) => values.TryGetValue(name, out var value) ? value : null;

    public IReadOnlyList<string> Strings(string name) =>
        values.TryGetValue(name, out var value) ? [.. value.EnumerateArray().Select(item => item.GetString()!)] : [];
}
