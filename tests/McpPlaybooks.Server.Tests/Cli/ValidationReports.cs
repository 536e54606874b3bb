using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Server.Tests.Cli;

/// <summary>Builds validator reports by hand, for tests of how the command line prints them.</summary>
internal static class ValidationReports
{
    public static Diagnostic Error(string code, int line, int column, string path = "", string fix = "Do this.") =>
        new(DiagnosticSeverity.Error, code, $"Problem {code}.", new SourceLocation(line, column), path, fix);

    public static Diagnostic Warning(string code, int line, int column, string path = "", string fix = "Do that.") =>
        new(DiagnosticSeverity.Warning, code, $"Lint {code}.", new SourceLocation(line, column), path, fix);

    public static ValidationReport Report(string source, params Diagnostic[] diagnostics) => new(source, null, diagnostics);
}
