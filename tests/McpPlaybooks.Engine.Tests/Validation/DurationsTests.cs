using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Tests.Validation;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("0s", 0)]
    public void TryParse_ValidDuration_GivesItsLength(string text, long milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("30 s")]
    [InlineData("1.5s")]
    [InlineData("-1s")]
    [InlineData("30S")]
    [InlineData("30s\n")]
    [InlineData("٣٠s")]
    [InlineData("1w")]
    [InlineData("366d")]
    [InlineData("99999999999999d")]
    public void TryParse_InvalidDuration_IsRefused(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Theory]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    [InlineData(1_500, "1500ms")]
    [InlineData(86_400_000, "1d")]
    public void Format_Duration_UsesTheLargestWholeUnit(long milliseconds, string expected)
    {
        Assert.Equal(expected, Durations.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
