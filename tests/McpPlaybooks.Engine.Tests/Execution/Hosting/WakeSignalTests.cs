using McpPlaybooks.Engine.Execution.Hosting;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Hosting;

/// <summary>A polling wait: the interval, cut short by a wake; a wake while the poller is busy is kept for the next wait.</summary>
public sealed class WakeSignalTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task WaitAsync_NoWake_EndsAfterTheInterval()
    {
        var time = new ManualTimeProvider();
        var wake = new WakeSignal();

        var waiting = wake.WaitAsync(Interval, time, default);
        Assert.False(waiting.IsCompleted);
        time.Advance(Interval);

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Wake_DuringTheWait_EndsIt()
    {
        var wake = new WakeSignal();

        var waiting = wake.WaitAsync(Interval, new ManualTimeProvider(), default);
        Assert.False(waiting.IsCompleted);
        wake.Wake();

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Wake_BetweenWaits_EndsTheNextWaitAtOnceAndOnlyThatOne()
    {
        var wake = new WakeSignal();
        wake.Wake();
        wake.Wake();

        var next = wake.WaitAsync(Interval, new ManualTimeProvider(), default);
        await next.WaitAsync(TimeSpan.FromSeconds(30));
        var after = wake.WaitAsync(Interval, new ManualTimeProvider(), default);

        Assert.True(next.IsCompletedSuccessfully);
        Assert.False(after.IsCompleted);
        wake.Wake();
        await after.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        using var stop = new CancellationTokenSource();
        var wake = new WakeSignal();

        var waiting = wake.WaitAsync(Interval, new ManualTimeProvider(), stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
