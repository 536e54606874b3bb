using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Execution.Durability;

namespace McpPlaybooks.Engine.Tests.Execution.Hosting;

/// <summary>
/// Requests another process queued for one execution are applied by its owner in the order they were queued, one after
/// another. They are queued while no process holds the execution (its owner stopped and let the parked run go), so the
/// engine that takes it over finds them all at its first tick: before, each ran in its own task, and a resume queued
/// after a pause was refused ('it is waiting_approval') when it ran beside the pause, the pause then left in force.
/// </summary>
public sealed class RequestOrderTests
{
    [Theory]
    [InlineData(new[] { "pause", "resume" }, ExecutionStatus.WaitingApproval)]
    [InlineData(new[] { "pause", "resume", "pause" }, ExecutionStatus.Paused)]
    public async Task Tick_RequestsQueuedTogetherForOneExecution_AreAppliedInTheirOrder(string[] actions, ExecutionStatus expected)
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync();
        var parked = await first.RunAsync(Flow.Request(PendingRequestTakeoverTests.Gated), null, default);
        await directory.CloseAsync(first);
        var ids = await PendingRequestTakeoverTests.QueueAsync(directory, parked.ExecutionId, [.. actions.Select(action => (action, "{}"))]);

        var owner = await directory.OpenAsync(pollInterval: TimeSpan.FromMilliseconds(50));
        foreach (var id in ids)
        {
            await HandledAsync(owner, id);
        }

        var settled = await Flow.SettleAsync(owner, parked.ExecutionId);
        var errors = new List<string?>();
        foreach (var id in ids)
        {
            errors.Add((await owner.History.GetControlRequestAsync(id, default))!.Error);
        }

        Assert.All(errors, Assert.Null);
        var audit = await owner.History.GetAuditAsync(parked.ExecutionId, default);
        Assert.Equal(actions, audit.Select(entry => entry.Action).Where(action => action is "pause" or "resume"));
        Assert.Equal(expected, settled.Status);
    }

    /// <summary>Returns once request <paramref name="id"/> is marked handled (a real 30 s bound).</summary>
    private static async Task HandledAsync(PlaybookEngine engine, long id)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await engine.History.GetControlRequestAsync(id, bound.Token))?.HandledAt is null)
        {
            await Task.Delay(10, bound.Token);
        }
    }
}
