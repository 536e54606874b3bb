using System.Globalization;
using System.Text.Json;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>
/// An incident as <c>list_playbooks</c> matches it against triggers: the fields a trigger names (<c>type</c>,
/// <c>severity</c>, <c>source</c>, <c>service</c>, <c>root_cause</c>) when given as an object, the words of free text
/// (a string incident, or the other string fields of an object), and the <c>confidence</c> when given.
/// </summary>
internal sealed record Incident(IReadOnlyDictionary<string, IReadOnlyList<string>> Fields, IReadOnlyList<string> Words, double? Confidence)
{
    /// <summary>The trigger fields, in the order reasons are given.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["type", "root_cause", "service", "severity", "source"];

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ',', ';', '.', ':', '!', '?', '(', ')', '[', ']', '{', '}', '"', '\''];

    /// <summary>Reads an incident given as a JSON object or a string.</summary>
    public static Incident From(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return new Incident(new Dictionary<string, IReadOnlyList<string>>(), WordsOf(json.GetString()!), null);
        }

        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var words = new List<string>();
        double? confidence = null;
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name.ToLowerInvariant().Replace('-', '_');
            if (name is "rootcause")
            {
                name = "root_cause";
            }

            if (name == "confidence")
            {
                confidence = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetDouble()
                    : double.TryParse(property.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
                continue;
            }

            var values = ValuesOf(property.Value);
            if (FieldNames.Contains(name))
            {
                fields[name] = values;
            }
            else
            {
                words.AddRange(values.SelectMany(WordsOf));
            }
        }

        return new Incident(fields, words, confidence);
    }

    private static List<string> ValuesOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => [value.GetRawText()],
        JsonValueKind.Array => [.. value.EnumerateArray().SelectMany(ValuesOf)],
        _ => [],
    };

    private static List<string> WordsOf(string text) =>
        [.. text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
