using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Server.Mcp.Results;

/// <summary>
/// Keeps what a step produced small enough for a model's context: a long string keeps its head and its tail with the
/// number of characters left out between them (and, when the engine had cut the output already, the size produced in all),
/// and a long array its first items with a count of the rest. Nothing over MCP returns the parts left out.
/// </summary>
internal static class OutputBounds
{
    public const int MaxString = 2000;
    public const int HeadChars = 1200;
    public const int TailChars = 600;
    public const int MaxItems = 50;

    /// <summary>The most characters of a caller's own text (a comment, a note) that a result repeats.</summary>
    public const int MaxEcho = Engine.Text.Echo.MaxChars;

    /// <summary>A caller's text as a result repeats it: whole when short, else its first <see cref="MaxEcho"/> characters and "…".</summary>
    public static string Echo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Engine.Text.Echo.Of(text);
    }

    /// <summary>
    /// <paramref name="node"/> itself when nothing in it is past the bounds (the usual case: nothing is copied), else a
    /// bounded copy (null stays null).
    /// </summary>
    public static JsonNode? Bound(JsonNode? node) => Exceeds(node) ? Copy(node) : node;

    /// <summary>Whether <paramref name="node"/> holds a string or an array past the bounds, at any depth.</summary>
    public static bool Exceeds(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p => Exceeds(p.Value)),
        JsonArray array => array.Count > MaxItems || array.Any(Exceeds),
        JsonValue value => value.TryGetValue<string>(out var text) && text.Length > MaxString,
        _ => false,
    };

    /// <summary>
    /// Writes <paramref name="value"/> (data a step produced, as the engine holds it) within the bounds: as it is when nothing
    /// in it is past them (the usual case: written once, nothing copied), else a bounded copy.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, Value value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (Exceeds(value))
        {
            Copy(value)!.WriteTo(writer);
        }
        else
        {
            value.WriteJson(writer);
        }
    }

    /// <summary>Whether <paramref name="value"/> holds a string or a list past the bounds, at any depth.</summary>
    public static bool Exceeds(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Kind)
        {
            case ValueKind.String:
                return value.AsString().Length > MaxString;
            case ValueKind.List:
                var items = value.AsList();
                if (items.Count > MaxItems)
                {
                    return true;
                }

                foreach (var item in items)
                {
                    if (Exceeds(item))
                    {
                        return true;
                    }
                }

                return false;
            case ValueKind.Object:
                foreach (var (_, property) in value.AsObject())
                {
                    if (Exceeds(property))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The text itself when short, else its head, a marker with the count left out, and its tail.</summary>
    public static string BoundString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxString)
        {
            return text;
        }

        // The engine may have cut the middle already: then the omitted part holds its marker, with the size produced in all.
        var omitted = text.Length - HeadChars - TailChars;
        var note = OutputCut.Find(text.Substring(HeadChars, omitted)) is { } cut
            ? string.Create(CultureInfo.InvariantCulture, $"{omitted:N0} characters omitted here; the step produced {cut.Total:N0} bytes, and the engine kept only {cut.Total - cut.Cut:N0} of them (head and tail); no tool returns more")
            : string.Create(CultureInfo.InvariantCulture, $"{omitted:N0} characters omitted here; no tool returns more");
        return $"{text[..HeadChars]}\n…[{note}]…\n{text[^TailChars..]}";
    }

    /// <summary>A bounded copy; a node can have only one parent, so what needs no bound is cloned.</summary>
    private static JsonNode? Copy(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Copy(p.Value)))),
        JsonArray array => CopyArray(array),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(BoundString(text)),
        _ => node.DeepClone(),
    };

    /// <summary>
    /// A bounded copy of <paramref name="value"/>, made from the value itself: what it leaves out is never written, so a
    /// loop's combined output of hundreds of megabytes costs what the copy shows.
    /// </summary>
    public static JsonNode? Copy(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Kind switch
        {
            ValueKind.String => JsonValue.Create(BoundString(value.AsString())),
            ValueKind.List => Bounded(value.AsList().Count, value.AsList().Take(MaxItems).Select(Copy)),
            ValueKind.Object => new JsonObject(value.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Copy(p.Value)))),
            _ => JsonNode.Parse(value.ToJson()),
        };
    }

    private static JsonArray CopyArray(JsonArray array) => Bounded(array.Count, array.Take(MaxItems).Select(Copy));

    private static JsonArray Bounded(int count, IEnumerable<JsonNode?> first)
    {
        var bounded = new JsonArray();
        foreach (var item in first)
        {
            bounded.Add(item);
        }

        if (count > MaxItems)
        {
            bounded.Add((JsonNode)string.Create(CultureInfo.InvariantCulture, $"…[{count - MaxItems} more items omitted]"));
        }

        return bounded;
    }
}
