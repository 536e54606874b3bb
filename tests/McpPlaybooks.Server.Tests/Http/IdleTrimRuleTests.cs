using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>The idle trim runs once after a burst, when the server has gone quiet; never while busy, never when nothing grew.</summary>
public sealed class IdleTrimRuleTests
{
    private const long Mb = 1024 * 1024;

    [Theory]
    [InlineData(200 * Mb, 0, true)]                 // a load, then silence
    [InlineData(IdleTrimRule.Burst, 1 * Mb, true)]  // just enough, a trickle since
    [InlineData(200 * Mb, 50 * Mb, false)]          // still busy: the collector runs anyway
    [InlineData(10 * Mb, 0, false)]                 // idle all along: nothing to give back
    [InlineData(0, 0, false)]
    public void ShouldTrim_AllocatedSinceTrimAndLastPeriod_Decides(long sinceTrim, long lastPeriod, bool expected) =>
        Assert.Equal(expected, IdleTrimRule.ShouldTrim(sinceTrim, lastPeriod));
}
