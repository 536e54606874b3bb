using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.Tests.Lifecycle;

public sealed class PlaybookLifecycleTests
{
    /// <summary>Every allowed move other than staying put, written out independently of the code.</summary>
    private static readonly HashSet<(PlaybookStatus From, PlaybookStatus To)> Moves =
    [
        (PlaybookStatus.Draft, PlaybookStatus.Active),
        (PlaybookStatus.Draft, PlaybookStatus.Archived),
        (PlaybookStatus.Active, PlaybookStatus.Deprecated),
        (PlaybookStatus.Active, PlaybookStatus.Archived),
        (PlaybookStatus.Deprecated, PlaybookStatus.Active),
        (PlaybookStatus.Deprecated, PlaybookStatus.Archived),
    ];

    public static TheoryData<PlaybookStatus, PlaybookStatus> EveryPair()
    {
        var data = new TheoryData<PlaybookStatus, PlaybookStatus>();
        foreach (var from in Enum.GetValues<PlaybookStatus>())
        {
            foreach (var to in Enum.GetValues<PlaybookStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanMove_EveryPair_FollowsTheStateMachine(PlaybookStatus from, PlaybookStatus to)
    {
        var expected = from == to || Moves.Contains((from, to));

        Assert.Equal(expected, PlaybookLifecycle.CanMove(from, to));
        var refusal = PlaybookLifecycle.RefuseMove("restart", "1.2.0", from, to);
        Assert.Equal(expected, refusal is null);
        if (refusal is not null)
        {
            Assert.StartsWith(
                $"cannot move playbook restart version 1.2.0 from {Definitions.EnumNames.ToName(from)} to {Definitions.EnumNames.ToName(to)}",
                refusal,
                StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RefuseMove_ActiveToDraft_ListsTheNextStatusesAndSaysToSaveANewVersion()
    {
        Assert.Equal(
            "cannot move playbook restart version 1.2.0 from active to draft. From active it may move to: deprecated, archived (with save_playbook). "
                + "A version never goes back to draft: to change it, save a new version with save_playbook (a draft), then publish it.",
            PlaybookLifecycle.RefuseMove("restart", "1.2.0", PlaybookStatus.Active, PlaybookStatus.Draft));
    }

    [Fact]
    public void RefuseMove_FromArchived_SaysItIsFinal()
    {
        var refusal = PlaybookLifecycle.RefuseMove("restart", "1.2.0", PlaybookStatus.Archived, PlaybookStatus.Active);

        Assert.Contains("archived is final", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlaybookStatus.Draft, false, false)]
    [InlineData(PlaybookStatus.Draft, true, true)]
    [InlineData(PlaybookStatus.Active, false, true)]
    [InlineData(PlaybookStatus.Active, true, true)]
    [InlineData(PlaybookStatus.Deprecated, false, false)]
    [InlineData(PlaybookStatus.Deprecated, true, true)]
    [InlineData(PlaybookStatus.Archived, false, false)]
    [InlineData(PlaybookStatus.Archived, true, false)]
    public void RefuseRun_EveryStatus_OnlyActiveRunsForReal(PlaybookStatus status, bool dryRun, bool runs)
    {
        var refusal = PlaybookLifecycle.RefuseRun("restart", "1.2.0", status, dryRun);

        Assert.Equal(runs, refusal is null);
        if (refusal is not null)
        {
            Assert.StartsWith($"playbook restart version 1.2.0 is {Definitions.EnumNames.ToName(status)}: ", refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RefuseRun_RealRunOfADraft_SaysToPublishOrDryRun()
    {
        var refusal = PlaybookLifecycle.RefuseRun("restart", "1.2.0", PlaybookStatus.Draft, dryRun: false);

        Assert.Contains("dry_run: true", refusal, StringComparison.Ordinal);
        Assert.Contains("Publish it first with save_playbook (status active), or run the active version.", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseRun_Deprecated_PointsToTheActiveVersion()
    {
        var refusal = PlaybookLifecycle.RefuseRun("restart", "1.2.0", PlaybookStatus.Deprecated, dryRun: false);

        Assert.Contains("Run the active version instead", refusal, StringComparison.Ordinal);
    }
}
