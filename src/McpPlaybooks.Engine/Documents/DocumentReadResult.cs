using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Documents;

/// <summary>The root of a document, when it could be read, and the problems met reading it.</summary>
public sealed record DocumentReadResult(DocumentNode? Root, IReadOnlyList<Diagnostic> Diagnostics);
