using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// An execution with a <c>timeout</c> whose process died while it ran: the process that takes it over counts the running
/// time before the crash (and the time the process was down), so the execution gets only what its timeout had left, and
/// ends at once, running nothing, when none is left.
/// </summary>
public sealed class ExecutionTimeoutTakeoverTests
{
    /// <summary>One idempotent step that leaves a mark, then waits for the file <c>go</c>.</summary>
    private const string Timed = """
        id: execution-timeout-takeover
        name: Execution timeout takeover
        version: 1.0.0
        timeout: 60s
        inputs:
          dir: { type: string }
        steps:
          - id: slow
            action: shell
            idempotent: true
            timeout: 60s
            rollback: []
            with:
              command: [/bin/sh, -c, "echo x >> \"$0/marks\"; while [ ! -e \"$0/go\" ]; do sleep 0.01; done", "{{ inputs.dir }}"]
        """;

    [Fact]
    public async Task OpenAsync_TimeoutPartlySpentBeforeTheCrash_TheExecutionGetsOnlyTheRest()
    {
        await using var directory = new SharedDataDirectory();
        var id = await StoppedWhileRunningAsync(directory);

        // 10 s of the execution's 60 are left after the lease.
        var clock = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(50));
        var second = await directory.OpenAsync(clock);
        await directory.LinesAsync("marks", 2);
        clock.Advance(TimeSpan.FromSeconds(10));
        var done = await Flow.SettleAsync(second, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.StartsWith("the execution exceeded its timeout of 1m", done.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, directory.Lines("marks"));
    }

    [Fact]
    public async Task OpenAsync_TimeoutPassedWhileItsProcessWasDown_EndsAtOnceRunningNothing()
    {
        await using var directory = new SharedDataDirectory();
        var id = await StoppedWhileRunningAsync(directory);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(70)));
        var done = await Flow.SettleAsync(second, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.StartsWith("the execution exceeded its timeout of 1m", done.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, directory.Lines("marks"));
    }

    /// <summary>Starts the execution at the manual clock's start and stops its engine as a process that dies while the step runs.</summary>
    private static async Task<string> StoppedWhileRunningAsync(SharedDataDirectory directory)
    {
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var id = (await first.StartAsync(Flow.Request(Timed, new Dictionary<string, Value> { ["dir"] = Value.From(directory.Directory) }), null, default)).ExecutionId;
        await directory.LinesAsync("marks", 1);
        await directory.CloseAsync(first);
        return id;
    }
}
