namespace McpPlaybooks.Server.Cli.Validate;

/// <summary>The totals of a validate run, and the exit code they mean.</summary>
internal sealed record ValidationSummary(int Files, int Errors, int Warnings)
{
    public int ExitCode => Errors > 0 ? ExitCodes.Failure : ExitCodes.Success;

    public static ValidationSummary From(IReadOnlyList<ValidatedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new(files.Count, files.Sum(f => f.Report.ErrorCount), files.Sum(f => f.Report.WarningCount));
    }

    /// <summary>The last line of the human output, such as <c>3 files: 1 error, 2 warnings</c>.</summary>
    public override string ToString()
    {
        var problems = new List<string>(2);
        if (Errors > 0)
        {
            problems.Add(Count(Errors, "error"));
        }

        if (Warnings > 0)
        {
            problems.Add(Count(Warnings, "warning"));
        }

        var found = problems.Count == 0 ? "no problems" : string.Join(", ", problems);
        return $"{Count(Files, "file")}: {found}";
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
