using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;
using NJsonSchema;

namespace McpPlaybooks.Engine.Schema;

/// <summary>
/// The published JSON Schema of the playbook format (schema/playbook.schema.json, embedded), and the
/// structural check of a document against it, reported as located diagnostics.
/// </summary>
public static class PlaybookSchema
{
    private const string ResourceName = "McpPlaybooks.Engine.playbook.schema.json";

    private static readonly Lazy<string> s_text = new(ReadText);
    private static readonly Lazy<JsonSchema> s_schema = new(() => JsonSchema.FromJsonAsync(s_text.Value).GetAwaiter().GetResult());

    /// <summary>The schema's JSON text, as served to editors and clients.</summary>
    public static string Text => s_text.Value;

    /// <summary>The structural problems of a document, unsorted; the validator sorts and merges them with the rest.</summary>
    public static IReadOnlyList<Diagnostic> Check(DocumentNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var json = new DocumentJson(root);
        var errors = s_schema.Value.Validate(json.Token);
        var translator = new SchemaErrorTranslator(json);
        return [.. translator.Translate(errors)];
    }

    private static string ReadText()
    {
        using var stream = typeof(PlaybookSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
