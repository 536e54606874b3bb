namespace McpPlaybooks.Server.Cli.Validate;

/// <summary>Writes a validate run as compilers do: one line per problem, then a summary line.</summary>
internal static class HumanValidationWriter
{
    public static void Write(IReadOnlyList<ValidatedFile> files, ValidationSummary summary, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var file in files)
        {
            foreach (var diagnostic in file.PlaybookProblems)
            {
                output.WriteLine(diagnostic.Format(file.Path));
            }
        }

        output.WriteLine(summary.ToString());
    }
}
