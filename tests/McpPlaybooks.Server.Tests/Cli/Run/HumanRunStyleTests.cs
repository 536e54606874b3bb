using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Cli;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>Colour on a terminal only; a failed step's output shown once, bounded; its error said once.</summary>
public sealed class HumanRunStyleTests
{
    private static readonly ExecutionState Running = new()
    {
        ExecutionId = "ex1",
        PlaybookId = "p",
        PlaybookVersion = "1.0.0",
        Status = ExecutionStatus.Running,
        Steps = [new StepState { Id = "check", Status = StepStatus.Pending }, new StepState { Id = "after", Status = StepStatus.Pending }],
    };

    private static readonly StepState Failed = new()
    {
        Id = "check",
        Status = StepStatus.Failed,
        Output = Value.From([
            KeyValuePair.Create("exit_code", Value.From(3)),
            KeyValuePair.Create("stdout", Value.From(string.Join('\n', Enumerable.Range(1, 8).Select(i => $"line {i}")))),
            KeyValuePair.Create("stderr", Value.From("df: /nope: No such file")),
        ]),
        Error = new StepError(ErrorCategory.Unknown, "exited with code 3: df: /nope: No such file"),
    };

    [Theory]
    [InlineData(true, null, null, true)]
    [InlineData(false, null, null, false)]
    [InlineData(true, "1", null, false)]
    [InlineData(true, null, "dumb", false)]
    [InlineData(true, "", "xterm-256color", true)]
    public void IsOn_TerminalNoColorAndTerm_DecideTogether(bool terminal, string? noColor, string? term, bool expected)
    {
        var variables = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };
        var context = new CliContext(TextWriter.Null, TextWriter.Null) { Terminal = terminal, Environment = name => variables.GetValueOrDefault(name) };

        Assert.Equal(expected, TerminalStyle.IsOn(context));
    }

    [Fact]
    public void StepChanged_Styled_ColoursTheLabelAndKeepsTheText()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Running, styled: true);

        observer.StepChanged("ex1", Failed);

        var text = output.ToString();
        Assert.Contains("\u001b[", text, StringComparison.Ordinal);
        Assert.Contains("FAILED", text, StringComparison.Ordinal);
        Assert.Contains("exited with code 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StepChanged_Plain_NoEscapeAndTheLastFiveLinesOfEachStream()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Running);

        observer.StepChanged("ex1", Failed);
        observer.LogWritten(new ExecutionLogRecord { ExecutionId = "ex1", StepId = "check", Level = ExecutionLogLevel.Error, Message = "step failed (unknown): exited with code 3", At = DateTimeOffset.UnixEpoch });

        var lines = TextLines.Of(output.ToString());
        Assert.DoesNotContain("\u001b", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(
        [
            "running p 1.0.0 (execution ex1)",
            "  FAILED  check  unknown: exited with code 3: df: /nope: No such file",
            "      stdout | line 4",
            "      stdout | line 5",
            "      stdout | line 6",
            "      stdout | line 7",
            "      stdout | line 8",
            "      stderr | df: /nope: No such file",
        ], lines);
    }

    [Fact]
    public void Summary_ErrorOfAFailedStep_SaidOnceThenPointedAt()
    {
        var state = Running with
        {
            Status = ExecutionStatus.Failed,
            Steps = [Failed, new StepState { Id = "after", Status = StepStatus.NotRun }],
            Error = new StepError(ErrorCategory.Unknown, "step 'check' failed: exited with code 3: df: /nope: No such file"),
        };

        var summary = HumanRunFormat.Summary(state, TimeSpan.FromSeconds(1)).ToList();

        Assert.Contains("  error: step 'check' failed (unknown; its error is above)", summary);
        Assert.DoesNotContain(summary, line => line.Contains("df: /nope", StringComparison.Ordinal));
    }
}
