using System.Text.Json;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Schema;

/// <summary>
/// One schema of the published playbook schema, read with System.Text.Json (no reflection, so Native AOT keeps it): the
/// keywords the playbook schema uses, and its <c>$ref</c>s to <c>#/definitions/…</c> resolved.
/// </summary>
internal sealed class SchemaNode
{
    private const string DefinitionsPrefix = "#/definitions/";

    private readonly Dictionary<string, SchemaNode> _properties = new(StringComparer.Ordinal);
    private SchemaNode? _target;

    private SchemaNode()
    {
    }

    /// <summary>This schema, or the definition its <c>$ref</c> points to.</summary>
    public SchemaNode Actual => _target ?? this;

    public SchemaTypes Type { get; private set; }

    public string? Description { get; private set; }

    /// <summary>The properties, in the schema's order.</summary>
    public IReadOnlyList<string> PropertyNames { get; private set; } = [];

    public IReadOnlyList<string> Required { get; private set; } = [];

    /// <summary>Whether keys beyond the properties (and the pattern properties) are allowed; true unless <c>additionalProperties: false</c>.</summary>
    public bool AllowAdditionalProperties { get; private set; } = true;

    public SchemaNode? AdditionalProperties { get; private set; }

    public IReadOnlyList<(Regex Pattern, SchemaNode Schema)> PatternProperties { get; private set; } = [];

    public SchemaNode? Items { get; private set; }

    public IReadOnlyList<string> Enumeration { get; private set; } = [];

    public string? Pattern { get; private set; }

    public Regex? PatternRegex { get; private set; }

    public decimal? Minimum { get; private set; }

    public decimal? Maximum { get; private set; }

    public int? MinLength { get; private set; }

    public int? MaxLength { get; private set; }

    public int MinItems { get; private set; }

    public int MaxItems { get; private set; }

    public bool UniqueItems { get; private set; }

    public int MinProperties { get; private set; }

    public int MaxProperties { get; private set; }

    public SchemaNode? Property(string name) => _properties.GetValueOrDefault(name);

    /// <summary>Reads a whole schema document, whose <c>$ref</c>s point into its <c>definitions</c>.</summary>
    public static SchemaNode ReadDocument(string json)
    {
        using var document = JsonDocument.Parse(json);
        var references = new List<(SchemaNode Node, string Reference)>();
        var root = Read(document.RootElement, references);
        var definitions = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("definitions", out var defs))
        {
            foreach (var definition in defs.EnumerateObject())
            {
                definitions[definition.Name] = Read(definition.Value, references);
            }
        }

        foreach (var (node, reference) in references)
        {
            node._target = reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal)
                && definitions.TryGetValue(reference[DefinitionsPrefix.Length..], out var target)
                    ? target.Actual
                    : throw new InvalidOperationException($"the playbook schema's $ref '{reference}' points nowhere");
        }

        return root;
    }

    private static SchemaNode Read(JsonElement element, List<(SchemaNode Node, string Reference)> references)
    {
        var node = new SchemaNode();
        if (element.ValueKind != JsonValueKind.Object)
        {
            return node;
        }

        foreach (var keyword in element.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref":
                    references.Add((node, value.GetString() ?? ""));
                    break;
                case "type":
                    node.Type = value.ValueKind == JsonValueKind.Array
                        ? value.EnumerateArray().Aggregate(SchemaTypes.None, (all, t) => all | TypeOf(t.GetString()))
                        : TypeOf(value.GetString());
                    break;
                case "description":
                    node.Description = value.GetString();
                    break;
                case "properties":
                    var names = new List<string>();
                    foreach (var property in value.EnumerateObject())
                    {
                        names.Add(property.Name);
                        node._properties[property.Name] = Read(property.Value, references);
                    }

                    node.PropertyNames = names;
                    break;
                case "required":
                    node.Required = [.. value.EnumerateArray().Select(r => r.GetString() ?? "")];
                    break;
                case "additionalProperties" when value.ValueKind == JsonValueKind.False:
                    node.AllowAdditionalProperties = false;
                    break;
                case "additionalProperties" when value.ValueKind == JsonValueKind.Object:
                    node.AdditionalProperties = Read(value, references);
                    break;
                case "patternProperties":
                    node.PatternProperties = [.. value.EnumerateObject().Select(p => (new Regex(p.Name), Read(p.Value, references)))];
                    break;
                case "items":
                    node.Items = Read(value, references);
                    break;
                case "enum":
                    node.Enumeration = [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText())];
                    break;
                case "pattern":
                    node.Pattern = value.GetString();
                    node.PatternRegex = node.Pattern is { } pattern ? new Regex(pattern) : null;
                    break;
                case "minimum":
                    node.Minimum = value.GetDecimal();
                    break;
                case "maximum":
                    node.Maximum = value.GetDecimal();
                    break;
                case "minLength":
                    node.MinLength = value.GetInt32();
                    break;
                case "maxLength":
                    node.MaxLength = value.GetInt32();
                    break;
                case "minItems":
                    node.MinItems = value.GetInt32();
                    break;
                case "maxItems":
                    node.MaxItems = value.GetInt32();
                    break;
                case "uniqueItems":
                    node.UniqueItems = value.ValueKind == JsonValueKind.True;
                    break;
                case "minProperties":
                    node.MinProperties = value.GetInt32();
                    break;
                case "maxProperties":
                    node.MaxProperties = value.GetInt32();
                    break;
            }
        }

        return node;
    }

    private static SchemaTypes TypeOf(string? name) => name switch
    {
        "string" => SchemaTypes.String,
        "boolean" => SchemaTypes.Boolean,
        "integer" => SchemaTypes.Integer,
        "number" => SchemaTypes.Number,
        "array" => SchemaTypes.Array,
        "object" => SchemaTypes.Object,
        "null" => SchemaTypes.Null,
        _ => SchemaTypes.None,
    };
}
