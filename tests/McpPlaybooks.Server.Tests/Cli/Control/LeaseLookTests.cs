using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Cli.Control;

namespace McpPlaybooks.Server.Tests.Cli.Control;

public sealed class LeaseLookTests
{
    private const string Self = "host:1:self";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_EveryUnfinishedExecution_IsHeldOrFreeOnce_SaveDryRunsAndThisProcesssOwn()
    {
        var unfinished = new[]
        {
            Execution("live", "host:2:other", Now.AddMilliseconds(1)),
            Execution("ends-now", "host:2:other", Now),
            Execution("expired", "host:2:other", Now.AddMilliseconds(-1)),
            Execution("no-owner", null, null),
            Execution("no-lease", "host:2:other", null),
            Execution("mine", Self, Now.AddSeconds(10)),
            Execution("mine-expired", Self, Now.AddSeconds(-10)),
            Execution("dry-run", "host:2:other", Now.AddSeconds(-10)) with { DryRun = true },
        };

        var look = LeaseLook.Of(unfinished, Self, Now);

        // A lease ending now still holds, as for the takeover (lease_expires_at < now).
        Assert.Equal(["live", "ends-now"], look.Held.Select(e => e.Id));
        Assert.Equal(["expired", "no-owner", "no-lease", "mine-expired"], look.Free.Select(e => e.Id));
    }

    [Fact]
    public void Of_ALeaseSeenEitherSideOfItsEnd_IsHeldThenFree_NeverNeither()
    {
        var execution = Execution("e", "host:2:other", Now);

        var before = LeaseLook.Of([execution], Self, Now);
        var after = LeaseLook.Of([execution], Self, Now.AddTicks(1));

        Assert.Equal((1, 0), (before.Held.Count, before.Free.Count));
        Assert.Equal((0, 1), (after.Held.Count, after.Free.Count));
    }

    private static ExecutionRecord Execution(string id, string? owner, DateTimeOffset? leaseEnds) => new()
    {
        Id = id,
        PlaybookId = "p",
        PlaybookVersion = "1.0.0",
        PlaybookSha256 = "0",
        Status = ExecutionStatus.Running,
        CreatedAt = Now.AddMinutes(-1),
        UpdatedAt = Now.AddMinutes(-1),
        OwnerId = owner,
        LeaseExpiresAt = leaseEnds,
    };
}
