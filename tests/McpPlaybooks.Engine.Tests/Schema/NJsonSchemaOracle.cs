using McpPlaybooks.Engine.Documents;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace McpPlaybooks.Engine.Tests.Schema;

/// <summary>
/// NJsonSchema, a full JSON Schema validator, run on the published schema/playbook.schema.json: the oracle our own
/// schema check (which the server runs, under Native AOT) must agree with. A document goes in as YAML resolved it.
/// </summary>
internal static class NJsonSchemaOracle
{
    private static readonly Lazy<JsonSchema> s_schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "schema", "playbook.schema.json"))).GetAwaiter().GetResult());

    public static JsonSchema Schema => s_schema.Value;

    /// <summary>NJsonSchema's errors for the document, flattened to "kind at path" lines.</summary>
    public static IReadOnlyList<string> Errors(DocumentNode root) =>
        [.. Flatten(Schema.Validate(ToJson(root))).Select(e => $"{e.Kind} at {e.Path}")];

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? Flatten(child.Errors.SelectMany(c => c.Value))
            : [e]);

    private static JToken ToJson(DocumentNode node) => node switch
    {
        MappingNode map => new JObject(map.Entries.GroupBy(e => e.Name).Select(g => new JProperty(g.Key, ToJson(g.Last().Value)))),
        SequenceNode list => new JArray(list.Items.Select(ToJson)),
        ScalarNode s when s.TryGetBoolean(out var boolean) => new JValue(boolean),
        ScalarNode s when s.TryGetInteger(out var integer) => new JValue(integer),
        ScalarNode s when s.TryGetNumber(out var number) => new JValue(number),
        ScalarNode { Type: ScalarType.Null } => JValue.CreateNull(),
        ScalarNode s => new JValue(s.Text),
        _ => JValue.CreateNull(),
    };
}
