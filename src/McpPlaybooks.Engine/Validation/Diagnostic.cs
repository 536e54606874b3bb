using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Validation;

/// <summary>One problem in a playbook: where it is, what it is, and how to fix it.</summary>
/// <param name="Severity">An error stops the playbook from running; a warning does not.</param>
/// <param name="Code">A stable code from <see cref="DiagnosticCodes"/>, such as <c>PB0101</c>.</param>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="Location">Where it is in the source text.</param>
/// <param name="Path">Where it is in the document, such as <c>steps[1].needs[0]</c>; empty for the root.</param>
/// <param name="Fix">What to change, in one sentence.</param>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string Message,
    SourceLocation Location,
    string Path,
    string Fix)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The line, 1-based; 1 when the location is unknown (as compilers print it).</summary>
    public int Line => Location.IsKnown ? Location.Line : 1;

    /// <summary>The column, 1-based; 1 when the location is unknown.</summary>
    public int Column => Location.IsKnown ? Location.Column : 1;

    /// <summary>Formats the diagnostic as compilers do: <c>FILE:LINE:COL: error CODE: message (fix: ...)</c>.</summary>
    public string Format(string file)
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var fix = string.IsNullOrEmpty(Fix) ? "" : $" Fix: {Fix}";
        return $"{file}:{Line}:{Column}: {severity} {Code}: {Message}{fix}";
    }
}
