using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Validation;

/// <summary>The outcome of validating one playbook source: the playbook when it could be built, and every problem.</summary>
public sealed record ValidationReport(string Source, PlaybookDefinition? Playbook, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => ErrorCount > 0;

    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);
}
