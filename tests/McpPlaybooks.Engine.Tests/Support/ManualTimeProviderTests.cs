namespace McpPlaybooks.Engine.Tests.Support;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void GetUtcNow_NewClock_StartsAtTheFixedInstant()
    {
        var clock = new ManualTimeProvider();

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        var start = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), clock.GetElapsedTime(start));
    }

    [Fact]
    public async Task Delay_ClockAdvanced_CompletesOnlyOnceTheDueTimeIsPassed()
    {
        var clock = new ManualTimeProvider();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var delay = Task.Delay(TimeSpan.FromSeconds(10), clock, guard.Token);

        await clock.WaitForTimerAsync(guard.Token);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await delay;
        Assert.Equal(0, clock.ActiveTimerCount);
    }

    [Fact]
    public void CancellationTokenSource_ClockAdvancedPastTheDelay_Cancels()
    {
        var clock = new ManualTimeProvider();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1), clock);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(cts.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresOncePerPeriodInDueOrderWithTheClockAtEachDueTime()
    {
        var clock = new ManualTimeProvider();
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var periodic = clock.CreateTimer(_ => fired.Add(("periodic", clock.GetUtcNow())), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var once = clock.CreateTimer(_ => fired.Add(("once", clock.GetUtcNow())), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));
        periodic.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(5));

        var start = ManualTimeProvider.DefaultStart;
        Assert.Equal(
            [("periodic", start.AddSeconds(2)), ("once", start.AddSeconds(3)), ("periodic", start.AddSeconds(4))],
            fired);
        Assert.Equal(start.AddSeconds(10), clock.GetUtcNow());
    }

    [Fact]
    public void CreateTimer_Disposed_NeverFires()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, fired);
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var clock = new ManualTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(ManualTimeProvider.DefaultStart.AddSeconds(-1)));
    }
}
