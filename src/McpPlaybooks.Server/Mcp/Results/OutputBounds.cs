using System.Globalization;
using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Mcp.Results;

/// <summary>
/// Keeps what a step produced small enough for a model's context: a long string keeps its head and its tail with the
/// number of characters left out between them, and a long array its first items with a count of the rest.
/// </summary>
internal static class OutputBounds
{
    public const int MaxString = 2000;
    public const int HeadChars = 1200;
    public const int TailChars = 600;
    public const int MaxItems = 50;

    /// <summary>A bounded copy of <paramref name="node"/> (null stays null).</summary>
    public static JsonNode? Bound(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Bound(p.Value)))),
        JsonArray array => BoundArray(array),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(BoundString(text)),
        _ => node.DeepClone(),
    };

    /// <summary>The text itself when short, else its head, a marker with the count left out, and its tail.</summary>
    public static string BoundString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxString)
        {
            return text;
        }

        var omitted = text.Length - HeadChars - TailChars;
        return string.Create(CultureInfo.InvariantCulture, $"{text[..HeadChars]}\n…[{omitted} characters omitted; get_execution_logs has the step's log]…\n{text[^TailChars..]}");
    }

    private static JsonArray BoundArray(JsonArray array)
    {
        var bounded = new JsonArray();
        foreach (var item in array.Take(MaxItems))
        {
            bounded.Add(Bound(item));
        }

        if (array.Count > MaxItems)
        {
            bounded.Add(JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"…[{array.Count - MaxItems} more items omitted]")));
        }

        return bounded;
    }
}
