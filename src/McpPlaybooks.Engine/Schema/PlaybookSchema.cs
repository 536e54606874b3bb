using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Schema;

/// <summary>
/// The published JSON Schema of the playbook format (schema/playbook.schema.json, embedded), and the
/// structural check of a document against it (<see cref="SchemaChecker"/>, our own walk: no JSON Schema library at run
/// time), reported as located diagnostics.
/// </summary>
public static class PlaybookSchema
{
    private const string ResourceName = "McpPlaybooks.Engine.playbook.schema.json";

    private static readonly Lazy<string> s_text = new(ReadText);
    private static readonly Lazy<SchemaNode> s_schema = new(() => SchemaNode.ReadDocument(s_text.Value));

    /// <summary>The schema's JSON text, as served to editors and clients.</summary>
    public static string Text => s_text.Value;

    /// <summary>The structural problems of a document, unsorted; the validator sorts and merges them with the rest.</summary>
    public static IReadOnlyList<Diagnostic> Check(DocumentNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var errors = SchemaChecker.Check(root, s_schema.Value);
        var translator = new SchemaErrorTranslator(new DocumentIndex(root));
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
