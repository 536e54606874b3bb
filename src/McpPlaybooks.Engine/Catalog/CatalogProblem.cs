using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>A file in a playbook folder that is left out of the catalogue: unreadable, or with errors.</summary>
/// <param name="Path">The file.</param>
/// <param name="PlaybookId">Its <c>id</c> when it could be read, so that a caller looking for it learns why it is missing.</param>
/// <param name="Errors">What is wrong, as <c>validate</c> reports it.</param>
public sealed record CatalogProblem(string Path, string? PlaybookId, IReadOnlyList<Diagnostic> Errors);
