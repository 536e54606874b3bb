// TEMPORARY STUB: replaced by the real validator on main
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Validation;

/// <summary>The outcome of validating one playbook source.</summary>
public sealed record ValidationReport(string Source, PlaybookDefinition? Playbook, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public int ErrorCount { get; } = Diagnostics.Count(d => d.IsError);

    public int WarningCount { get; } = Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
}
