using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Tests.Http;

public sealed class RefusalLogThrottleTests
{
    [Fact]
    public void Admit_PastTheLimitOfAMinute_LeftOutThenCountedBeforeTheNextLine()
    {
        var clock = new ManualTimeProvider();
        var log = new LogEvents();
        var logger = log.CreateLogger("test");
        var throttle = new RefusalLogThrottle(clock);

        var first = Enumerable.Range(0, 25).Select(_ => throttle.Admit(logger, "a Host header not allowed")).ToList();
        clock.Advance(TimeSpan.FromSeconds(59));
        var stillLeftOut = throttle.Admit(logger, "a Host header not allowed");
        var otherReason = throttle.Admit(logger, "an Origin header not allowed");
        var linesBefore = log.Lines.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        var nextMinute = throttle.Admit(logger, "a Host header not allowed");
        var after = throttle.Admit(logger, "a Host header not allowed");

        Assert.Equal(RefusalLogThrottle.PerMinute, first.Count(admitted => admitted));
        Assert.All(first.Skip(RefusalLogThrottle.PerMinute), Assert.False);
        Assert.False(stillLeftOut);
        Assert.True(otherReason);
        Assert.Equal(0, linesBefore);
        Assert.True(nextMinute);
        Assert.True(after);
        var (_, message) = Assert.Single(log.Lines);
        Assert.Equal("16 more refusals (a Host header not allowed) were not logged since 2026-01-01 00:00:00Z: at most 10 such lines are written a minute", message);
    }
}
