using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Validation;

/// <summary>Shorthands that make diagnostics.</summary>
internal static class Problems
{
    public static Diagnostic Error(string code, string message, SourceLocation location, string path, string fix) =>
        new(DiagnosticSeverity.Error, code, message, location, path, fix);

    public static Diagnostic Warning(string code, string message, SourceLocation location, string path, string fix) =>
        new(DiagnosticSeverity.Warning, code, message, location, path, fix);

    public static Diagnostic Error(string code, string message, DocumentNode node, string fix) =>
        Error(code, message, node.Location, node.Path, fix);

    public static Diagnostic Warning(string code, string message, DocumentNode node, string fix) =>
        Warning(code, message, node.Location, node.Path, fix);
}
