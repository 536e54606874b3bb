using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Server.Cli.Validate;

/// <summary>One validated file: its path as the user gave it, and the validator's report.</summary>
internal sealed record ValidatedFile(string Path, ValidationReport Report)
{
    /// <summary>The file could not be read (it does not exist, for one): a problem with the invocation, for stderr.</summary>
    public IEnumerable<Diagnostic> ReadProblems => Report.Diagnostics.Where(IsReadProblem);

    /// <summary>The problems in the playbook itself, for stdout.</summary>
    public IEnumerable<Diagnostic> PlaybookProblems => Report.Diagnostics.Where(d => !IsReadProblem(d));

    private static bool IsReadProblem(Diagnostic diagnostic) => diagnostic.Code == DiagnosticCodes.FileUnreadable;
}
