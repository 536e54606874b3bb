using McpPlaybooks.Server.Cli.Validate;

namespace McpPlaybooks.Server.Tests.Cli.Validate;

public sealed class ValidationSummaryTests
{
    [Theory]
    [InlineData(3, 1, 2, "3 files: 1 error, 2 warnings")]
    [InlineData(3, 0, 0, "3 files: no problems")]
    [InlineData(1, 2, 0, "1 file: 2 errors")]
    [InlineData(2, 0, 1, "2 files: 1 warning")]
    [InlineData(0, 0, 0, "0 files: no problems")]
    public void ToString_Counts_ReadsAsASentence(int files, int errors, int warnings, string expected)
    {
        Assert.Equal(expected, new ValidationSummary(files, errors, warnings).ToString());
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 5, 0)]
    [InlineData(1, 0, 1)]
    [InlineData(2, 3, 1)]
    public void ExitCode_Errors_IsOneOnlyWhenThereIsAnError(int errors, int warnings, int expected)
    {
        Assert.Equal(expected, new ValidationSummary(1, errors, warnings).ExitCode);
    }
}
