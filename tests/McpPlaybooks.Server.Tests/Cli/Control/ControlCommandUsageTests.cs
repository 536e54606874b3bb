using McpPlaybooks.Server.Tests.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Control;

/// <summary>Bad usage of <c>approve</c> and <c>control</c>: exit 2, before any engine opens.</summary>
public sealed class ControlCommandUsageTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("retry_step", "retry_step needs --step STEP")]
    [InlineData("skip_step", "skip_step needs --step STEP")]
    [InlineData("signal", "signal needs --type T")]
    [InlineData("restart", "'restart' is not an action; choose one of pause, resume, cancel")]
    public async Task Control_MissingOrWrongPart_ExitsTwoSayingWhat(string action, string expected)
    {
        var result = await RunCli.RunAsync(_directory.Path, "control", "ex-1", action, "--data-dir", "data");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Control_PayloadNotJson_ExitsTwo()
    {
        var result = await RunCli.RunAsync(_directory.Path, "control", "ex-1", "signal", "--type", "done", "--payload", "{oops", "--data-dir", "data");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--payload must be JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_NegativeWait_ExitsTwo()
    {
        var result = await RunCli.RunAsync(_directory.Path, "approve", "ex-1", "gate", "--wait", "-1", "--data-dir", "data");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--wait must be between 0 and", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Approve_BlankApprover_ExitsTwo(string approver)
    {
        var result = await RunCli.RunAsync(_directory.Path, "approve", "ex-1", "gate", "--as", approver, "--data-dir", "data");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--as must name an identity", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "data")));
    }

    [Fact]
    public async Task Approve_DataDirectoryWithoutHistory_ExitsTwoAndCreatesNothing()
    {
        var result = await RunCli.RunAsync(_directory.Path, "approve", "ex-1", "gate", "--data-dir", "data");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holds no history yet", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "data")));
    }
}
