using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Control;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A server's engine (<see cref="PlaybookEngine.OpenServingAsync"/>) opens without waiting for the takeover of what a
/// stopped process left; the takeover runs in the background, and a call about one execution sees it taken over.
/// </summary>
public sealed class BackgroundTakeoverTests
{
    private const string Gated = """
        id: gated-background
        name: Gated, taken over in the background
        version: 1.0.0
        inputs:
          n: { type: number }
        steps:
          - id: gate
            approval: { message: "Go?", approvers: [alice] }
            action: set
            with: { done: true }
        """;

    [Fact]
    public async Task OpenServingAsync_ParkedExecutions_EachCallSeesItsExecutionTakenOverAndResumedListsThemAll()
    {
        await using var directory = new SharedDataDirectory();
        var ids = await ParkedAndLeftAsync(directory);

        var second = await directory.OpenServingAsync();
        var newest = await second.GetStateAsync(ids[^1], default);
        var waited = await second.WaitAsync(ids[0], TimeSpan.Zero, default);

        Assert.Equal(ExecutionStatus.WaitingApproval, newest!.Status);
        Assert.Equal(ExecutionStatus.WaitingApproval, waited.Status);
        Assert.Equal(second.OwnerId, await second.History.GetOwnerAsync(ids[^1], TimeProvider.System.GetUtcNow(), default));
        var report = await second.Resumed;
        Assert.Equal(ids.Order(StringComparer.Ordinal), report.Resumed);
        Assert.Equal(report, second.LastResume);
        Assert.Equal(3, second.HeldExecutions);
    }

    /// <summary>
    /// A server begins the scan once it has answered its client (<c>takeOverAfter</c>): until then nothing is claimed by the
    /// scan, yet a call about one execution takes that one over at once; the rest follow when the signal comes.
    /// </summary>
    [Fact]
    public async Task OpenServingAsync_TakeOverAfterASignal_ClaimsNothingBeforeItButWhatACallAsksFor()
    {
        await using var directory = new SharedDataDirectory();
        var ids = await ParkedAndLeftAsync(directory);
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var second = await directory.OpenServingAsync(signal.Task);
        var asked = await second.GetStateAsync(ids[1], default);

        var now = TimeProvider.System.GetUtcNow();
        Assert.Equal(ExecutionStatus.WaitingApproval, asked!.Status);
        Assert.Equal(second.OwnerId, await second.History.GetOwnerAsync(ids[1], now, default));
        Assert.Null(await second.History.GetOwnerAsync(ids[0], now, default));
        Assert.Null(await second.History.GetOwnerAsync(ids[2], now, default));
        Assert.False(second.Resumed.IsCompleted);

        signal.SetResult();
        var report = await second.Resumed;

        Assert.Equal(ids.Order(StringComparer.Ordinal), report.Resumed);
        Assert.Equal(3, second.HeldExecutions);
    }

    /// <summary>Three executions parked at their gate by an engine that then stopped: unfinished, no owner.</summary>
    private static async Task<List<string>> ParkedAndLeftAsync(SharedDataDirectory directory)
    {
        var first = await directory.OpenAsync();
        var ids = new List<string>();
        for (var n = 0; n < 3; n++)
        {
            ids.Add((await first.RunAsync(Flow.Request(Gated, Inputs(("n", Value.From(n)))), null, default)).ExecutionId);
        }

        await directory.CloseAsync(first);
        return ids;
    }
}
