using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpPlaybooks.Engine.Expressions.Values;

namespace McpPlaybooks.Engine.Expressions;

/// <summary>The JSON aspect of <see cref="Value"/>.</summary>
public abstract partial class Value
{
    private static readonly JsonWriterOptions CompactOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Converts a JSON element. Numbers become doubles (a number too large for a double becomes its text);
    /// throws <see cref="ArgumentException"/> when nesting exceeds <see cref="ExpressionLimits.MaxValueDepth"/>.
    /// </summary>
    public static Value FromJson(JsonElement element) => FromJson(element, depth: 0);

    /// <summary>Parses JSON text (as history stores it) into a value; null text is <see cref="Null"/>.</summary>
    public static Value FromJsonText(string? json)
    {
        if (json is null)
        {
            return Null;
        }

        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>The compact JSON form. Non-ASCII text is kept readable; NaN and infinities are written as null.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The compact JSON form, or null when it is longer than <paramref name="maxLength"/> characters: a value whose
    /// <see cref="JsonLength"/> already passes it is never written, so what is written is at most a few times the limit.
    /// </summary>
    public string? ToJson(int maxLength)
    {
        if (JsonLength > maxLength)
        {
            return null;
        }

        var json = ToJson();
        return json.Length <= maxLength ? json : null;
    }

    public abstract void WriteJson(Utf8JsonWriter writer);

    private static Value FromJson(JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return NullValue.Instance;
            case JsonValueKind.True:
                return BooleanValue.TrueInstance;
            case JsonValueKind.False:
                return BooleanValue.FalseInstance;
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && double.IsFinite(number)
                    ? NumberValue.Create(number)
                    : StringValue.Create(element.GetRawText());
            case JsonValueKind.String:
                return StringValue.Create(element.GetString()!);
            case JsonValueKind.Array:
                CheckDepth(depth);
                var items = new Value[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    items[i++] = FromJson(item, depth + 1);
                }

                return ListValue.Create(items);
            case JsonValueKind.Object:
                CheckDepth(depth);
                var props = new List<KeyValuePair<string, Value>>();
                foreach (var property in element.EnumerateObject())
                {
                    props.Add(new(property.Name, FromJson(property.Value, depth + 1)));
                }

                return ObjectValue.Create(props);
            default:
                throw new ArgumentException($"Unsupported JSON value kind {element.ValueKind}.", nameof(element));
        }
    }

    private static void CheckDepth(int depth)
    {
        if (depth >= ExpressionLimits.MaxValueDepth)
        {
            throw new ArgumentException(
                $"The JSON nests deeper than {ExpressionLimits.MaxValueDepth} levels.", "element");
        }
    }
}
