using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Bounds;

/// <summary>
/// A drive that an unexpected exception ends ends its execution failed, recorded, with an error that says it is a bug
/// to report. The exception is a real one: a step's <c>with</c> that nests one level deeper than a value may throws
/// <see cref="ArgumentException"/> where rendering expects only expression errors. Before, the drive ended and the
/// execution stayed running, with no error, until the next process took it over and failed the same way.
/// </summary>
public sealed class UnexpectedDriveFailureTests
{
    /// <summary>v126 nests 127 lists deep; the step's <c>with</c> puts it in a list in an object: 129 levels.</summary>
    private static readonly string TooDeep = $$$"""
        id: too-deep
        name: Too deep
        version: 1.0.0
        variables:
          v0: ["x"]
        {{{string.Join("\n", Enumerable.Range(1, 126).Select(Wrapped))}}}
        steps:
          - id: a
            action: set
            with: { x: ["{{ vars.v126 }}"] }
        """;

    private static string Wrapped(int i) => $$$"""  v{{{i}}}: ["{{ vars.v{{{i - 1}}} }}"]""";

    [Fact]
    public async Task RunAsync_DriveThrowsUnexpectedly_ExecutionEndsFailedRecordedAndLogged()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(TooDeep).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(ErrorCategory.Unknown, state.Error!.Category);
        Assert.StartsWith("the engine failed unexpectedly while running this execution (ArgumentException: The value nests deeper than 128 levels.", state.Error.Message, StringComparison.Ordinal);
        Assert.Contains("this is a bug in mcp-playbooks: report it", state.Error.Message, StringComparison.Ordinal);
        Assert.Equal(StepStatus.NotRun, Step(state, "a").Status);
        var stored = await harness.Engine.History.GetExecutionAsync(state.ExecutionId, CancellationToken.None);
        Assert.Equal(ExecutionStatus.Failed, stored!.Status);
        Assert.Equal(state.Error.Message, stored.ErrorMessage);
        Assert.Contains(await harness.LogsAsync(state.ExecutionId), log => log.Level == ExecutionLogLevel.Error && log.Message == state.Error.Message);
    }
}
