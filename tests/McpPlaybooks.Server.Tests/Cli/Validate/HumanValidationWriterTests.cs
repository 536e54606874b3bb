using McpPlaybooks.Server.Cli.Validate;
using static McpPlaybooks.Server.Tests.Cli.ValidationReports;

namespace McpPlaybooks.Server.Tests.Cli.Validate;

public sealed class HumanValidationWriterTests
{
    [Fact]
    public void Write_ErrorsAndWarnings_PrintsOneCompilerLinePerProblemThenTheSummary()
    {
        ValidatedFile[] files =
        [
            new("playbooks/a.yaml", Report("playbooks/a.yaml", Error("PB0101", 7, 12, "steps[1].needs[0]", "Name an existing step."), Warning("PB1003", 5, 5))),
            new("b.yaml", Report("b.yaml")),
            new("c.yaml", Report("c.yaml", Warning("PB1006", 3, 3, fix: ""))),
        ];
        using var output = new StringWriter();

        HumanValidationWriter.Write(files, ValidationSummary.From(files), output);

        Assert.Equal(
            [
                "playbooks/a.yaml:7:12: error PB0101: Problem PB0101. Fix: Name an existing step.",
                "playbooks/a.yaml:5:5: warning PB1003: Lint PB1003. Fix: Do that.",
                "c.yaml:3:3: warning PB1006: Lint PB1006.",
                "3 files: 1 error, 2 warnings",
            ],
            TextLines.Of(output.ToString()));
    }

    [Fact]
    public void Write_UnreadableFile_LeavesItsDiagnosticOutOfStdout()
    {
        ValidatedFile[] files = [new("nope.yaml", Report("nope.yaml", Error("PB0005", 1, 1)))];
        using var output = new StringWriter();

        HumanValidationWriter.Write(files, ValidationSummary.From(files), output);

        Assert.Equal(["1 file: 1 error"], TextLines.Of(output.ToString()));
    }
}
