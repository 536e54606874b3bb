namespace McpPlaybooks.Engine.Schema;

/// <summary>
/// One schema violation: its kind, the document path it concerns (for a missing or unknown key, the key's own path),
/// the schema that was broken (for a key, its mapping's schema), and the key's name.
/// </summary>
internal sealed record SchemaError(SchemaErrorKind Kind, string Path, SchemaNode Schema, string? Property = null);
