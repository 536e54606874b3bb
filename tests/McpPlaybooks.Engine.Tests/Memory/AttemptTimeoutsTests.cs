using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.Tests.Memory;

public sealed class AttemptTimeoutsTests
{
    [Theory]
    [InlineData("shell", "shell timed out after 30s", 30_000)]
    [InlineData("http", "http timed out after 1500ms", 1_500)]
    [InlineData("shell", "shell timed out after 2h", 7_200_000)]
    [InlineData("shell", "shell exited with code 1: connect to db: connection timed out", null)]
    [InlineData("shell", "http timed out after 30s", null)]
    [InlineData("shell", "shell timed out after 30s, then more", null)]
    [InlineData("shell", "shell timed out after 60s", null)] // the engine writes 1m
    [InlineData("shell", "step 'x' exceeded its step_timeout of 30s", null)]
    [InlineData("shell", null, null)]
    public void TryParse_Message_IsTheEnginesOwnTimeoutOnly(string action, string? message, int? expectedMs)
    {
        var parsed = AttemptTimeouts.TryParse(action, message, out var limit);

        Assert.Equal(expectedMs, parsed ? (int)limit.TotalMilliseconds : null);
    }

    [Fact]
    public void Message_RoundTrips()
    {
        Assert.True(AttemptTimeouts.TryParse("wait", AttemptTimeouts.Message("wait", TimeSpan.FromMinutes(5)), out var limit));
        Assert.Equal(TimeSpan.FromMinutes(5), limit);
    }
}
