using McpPlaybooks.Server.Mcp.Sessions;

namespace McpPlaybooks.Server.Tests.Mcp.Resources;

/// <summary>At most one notification in flight per session and URI, one more when changes arrived meanwhile, none lost.</summary>
public sealed class NotificationCoalescerTests
{
    [Fact]
    public async Task Post_BurstWhileSending_SendsOnceMoreAfterwards()
    {
        var sends = 0;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var coalescer = new NotificationCoalescer(async _ =>
        {
            if (Interlocked.Increment(ref sends) == 1)
            {
                firstStarted.SetResult();
                await first.Task;
            }
        }, CancellationToken.None);

        var loop = coalescer.Post();
        await firstStarted.Task;
        var during = Enumerable.Range(0, 5).Select(_ => coalescer.Post()).ToList();
        first.SetResult();
        await loop!;

        Assert.All(during, Assert.Null);
        Assert.Equal(2, sends);
        await coalescer.Post()!;
        Assert.Equal(3, sends);
    }

    [Fact]
    public async Task Post_Quiet_SendsOncePerPost()
    {
        var sends = 0;
        var coalescer = new NotificationCoalescer(_ => { Interlocked.Increment(ref sends); return Task.CompletedTask; }, CancellationToken.None);

        await coalescer.Post()!;
        await coalescer.Post()!;

        Assert.Equal(2, sends);
    }
}
