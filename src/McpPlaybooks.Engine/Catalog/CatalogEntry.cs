using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// One valid playbook version of the catalogue: its definition, the exact text it was read from (what a run records),
/// the file, the text's SHA-256, and the validator's warnings.
/// </summary>
public sealed record CatalogEntry(PlaybookDefinition Definition, string Content, string Path, string Sha256, IReadOnlyList<Diagnostic> Warnings)
{
    public string Id => Definition.Id;

    public string Version => Definition.Version;
}
