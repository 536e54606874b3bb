using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Bounds;

/// <summary>
/// A drive that an unexpected exception ends ends its execution failed, recorded, with an error that says it is a bug
/// to report. The exception is a real one, thrown into the drive where it expects none: an observer of the run (the
/// engine's extension point, which the server's feeds implement) that throws when it hears step 'a' start. (Until the
/// nesting limit became a validation error and a step's failure, a <c>with</c> nested 129 levels was this test's
/// trigger.) Before, the drive ended and the execution stayed running, with no error, until the next process took it
/// over and failed the same way.
/// </summary>
public sealed class UnexpectedDriveFailureTests
{
    private const string Playbook = """
        id: observed
        name: Observed
        version: 1.0.0
        steps:
          - id: a
            action: shell
            with: { command: ["true"] }
        """;

    [Fact]
    public async Task RunAsync_DriveThrowsUnexpectedly_ExecutionEndsFailedRecordedAndLogged()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(Playbook, observer: new ThrowingObserver()).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(ErrorCategory.Unknown, state.Error!.Category);
        Assert.StartsWith("the engine failed unexpectedly while running this execution (InvalidOperationException: the observer failed on hearing step 'a' start)", state.Error.Message, StringComparison.Ordinal);
        Assert.Contains("this is a bug in mcp-playbooks: report it", state.Error.Message, StringComparison.Ordinal);
        var stored = await harness.Engine.History.GetExecutionAsync(state.ExecutionId, CancellationToken.None);
        Assert.Equal(ExecutionStatus.Failed, stored!.Status);
        Assert.Equal(state.Error.Message, stored.ErrorMessage);
        Assert.Contains(await harness.LogsAsync(state.ExecutionId), log => log.Level == ExecutionLogLevel.Error && log.Message == state.Error.Message);
    }

    /// <summary>Throws the first time it hears step 'a' running; quiet after that, so the end can be told.</summary>
    private sealed class ThrowingObserver : IExecutionObserver
    {
        private int _thrown;

        public void StepChanged(string executionId, StepState step)
        {
            if (step is { Id: "a", Status: StepStatus.Running } && Interlocked.Exchange(ref _thrown, 1) == 0)
            {
                throw new InvalidOperationException("the observer failed on hearing step 'a' start");
            }
        }
    }
}
