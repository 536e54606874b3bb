using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// A playbook text checked for saving: the validator's report, where it would be written, and whether that id and version
/// exist already (with the same text: nothing to write; with another: a conflict, since a version is immutable once saved).
/// </summary>
public sealed record PreparedSave(ValidationReport Report, string Content, string Sha256, string TargetPath, CatalogEntry? Existing)
{
    /// <summary>The text has no errors: it can be saved (unless <see cref="Conflict"/>).</summary>
    public bool IsValid => Report.Playbook is not null && !Report.HasErrors;

    /// <summary>The id and version exist with another text.</summary>
    public bool Conflict => Existing is not null && Existing.Sha256 != Sha256;

    /// <summary>The id and version exist with this very text: saving again changes nothing.</summary>
    public bool Unchanged => Existing is not null && Existing.Sha256 == Sha256;
}
