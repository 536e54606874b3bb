using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Server.Cli.Validate;

/// <summary>One diagnostic in <c>validate --json</c>. Line and column are those of the human line.</summary>
internal sealed record ValidateJsonDiagnostic(
    string Severity,
    string Code,
    string Message,
    int Line,
    int Column,
    string Path,
    string Fix)
{
    public static ValidateJsonDiagnostic From(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);

        // Diagnostic.Format prints an unknown location as 1:1; the JSON says the same.
        return new(
            diagnostic.IsError ? "error" : "warning",
            diagnostic.Code,
            diagnostic.Message,
            diagnostic.Line,
            diagnostic.Column,
            diagnostic.Path,
            diagnostic.Fix);
    }
}
