using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>A validation problem as the playbooks pages show it beside the YAML line it points at (line and column null when unknown).</summary>
internal sealed record ProblemView(string Severity, string Code, int? Line, int? Column, string Path, string Message, string Fix)
{
    public static ProblemView From(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var known = diagnostic.Location.IsKnown;
        return new ProblemView(
            EnumNames.ToName(diagnostic.Severity),
            diagnostic.Code,
            known ? diagnostic.Location.Line : null,
            known ? diagnostic.Location.Column : null,
            diagnostic.Path,
            diagnostic.Message,
            diagnostic.Fix);
    }
}
