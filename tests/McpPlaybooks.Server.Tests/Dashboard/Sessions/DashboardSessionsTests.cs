using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Tests.Dashboard.Sessions;

/// <summary>
/// The dashboard's sessions in memory: random ids bound to their caller, ended at logout, after a long idle time, after
/// their lifetime and by their own identity's cap (never another's); what ends a session ends its open feeds.
/// </summary>
public sealed class DashboardSessionsTests
{
    private static readonly HttpCaller Alice = new("alice", ["operator"]);

    private static readonly HttpCaller Bob = new("bob", ["viewer"]);

    [Fact]
    public void Start_RandomIdsOfTheirCaller_FoundUntilEnded()
    {
        using var sessions = new DashboardSessions(new ManualTimeProvider());

        var one = sessions.Start(Alice)!;
        var two = sessions.Start(Alice)!;
        var found = sessions.Find(one.Id);
        sessions.End(one.Id);

        Assert.NotEqual(one.Id, two.Id);
        Assert.Equal(43, one.Id.Length);
        Assert.Equal(Alice, found?.Caller);
        Assert.Null(sessions.Find(one.Id));
        Assert.NotNull(sessions.Find(two.Id));
        Assert.Null(sessions.Find("not-a-session"));
        Assert.Null(sessions.Find(null));
    }

    [Fact]
    public void Find_AfterTheIdleLimit_Expired_ButUseKeepsItAlive()
    {
        var clock = new ManualTimeProvider();
        using var sessions = new DashboardSessions(clock);
        var idle = sessions.Start(Alice)!;
        var used = sessions.Start(Alice)!;

        clock.Advance(DashboardSessions.IdleLimit - TimeSpan.FromMinutes(1));
        Assert.NotNull(sessions.Find(used.Id));
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(sessions.Find(idle.Id));
        Assert.NotNull(sessions.Find(used.Id));
    }

    [Fact]
    public void Find_AfterTheLifetime_ExpiredEvenWhenUsed()
    {
        var clock = new ManualTimeProvider();
        using var sessions = new DashboardSessions(clock);
        var session = sessions.Start(Alice)!;

        for (var elapsed = TimeSpan.Zero; elapsed < DashboardSessions.Lifetime - TimeSpan.FromHours(6); elapsed += TimeSpan.FromHours(6))
        {
            clock.Advance(TimeSpan.FromHours(6));
            Assert.NotNull(sessions.Find(session.Id));
        }

        clock.Advance(TimeSpan.FromHours(6));

        Assert.Null(sessions.Find(session.Id));
    }

    [Fact]
    public void Start_AFloodOfLoginsOfOneIdentity_EndsOnlyItsOwnLeastRecentlyUsedSessions()
    {
        var clock = new ManualTimeProvider();
        using var sessions = new DashboardSessions(clock);
        var alice = sessions.Start(Alice)!;

        var bobs = new List<DashboardSession>();
        for (var i = 0; i < 10_050; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            bobs.Add(sessions.Start(Bob)!);
        }

        Assert.NotNull(sessions.Find(alice.Id));
        Assert.Null(sessions.Find(bobs[0].Id));
        Assert.Null(sessions.Find(bobs[^21].Id));
        Assert.All(bobs[^20..], bob => Assert.NotNull(sessions.Find(bob.Id)));
        Assert.Equal(21, sessions.Count);
    }

    [Fact]
    public void Start_PastTheCapOfItsIdentity_EndsItsLeastRecentlyUsedSessionAndItsFeeds()
    {
        var clock = new ManualTimeProvider();
        using var sessions = new DashboardSessions(clock, new DashboardSessionLimits { PerIdentity = 2 });
        var first = sessions.Start(Alice)!;
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = sessions.Start(Alice)!;
        clock.Advance(TimeSpan.FromSeconds(1));
        sessions.Find(first.Id);

        var third = sessions.Start(Alice)!;

        Assert.True(second.Ended.IsCancellationRequested);
        Assert.Null(sessions.Find(second.Id));
        Assert.False(first.Ended.IsCancellationRequested);
        Assert.NotNull(sessions.Find(first.Id));
        Assert.NotNull(sessions.Find(third.Id));
    }

    [Fact]
    public void Start_AtTheTotalCap_RefusedAndNoOtherSessionEnds()
    {
        var clock = new ManualTimeProvider();
        using var sessions = new DashboardSessions(clock, new DashboardSessionLimits { PerIdentity = 2, Total = 3 });
        var alice = sessions.Start(Alice)!;
        var bobs = new List<DashboardSession>();
        for (var i = 0; i < 2; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            bobs.Add(sessions.Start(Bob)!);
        }

        var refused = sessions.Start(new HttpCaller("carol", ["viewer"]));
        var bobAgain = sessions.Start(Bob);

        Assert.Null(refused);
        Assert.NotNull(bobAgain); // at its own cap, Bob's oldest session made the room
        Assert.True(bobs[0].Ended.IsCancellationRequested);
        Assert.NotNull(sessions.Find(alice.Id));
        Assert.NotNull(sessions.Find(bobs[1].Id));
        Assert.Equal(3, sessions.Count);
    }

    [Fact]
    public void EndAndExpiry_CancelTheSessionsEnded_ExpiryWithoutARequestNamingIt()
    {
        var clock = new ManualTimeProvider();
        using var sessions = new DashboardSessions(clock);
        var loggedOut = sessions.Start(Alice)!;
        var idle = sessions.Start(Bob)!;

        sessions.End(loggedOut.Id);
        var endedAtLogout = loggedOut.Ended.IsCancellationRequested;
        var idleBefore = idle.Ended.IsCancellationRequested;
        clock.Advance(DashboardSessions.IdleLimit + DashboardSessions.SweepInterval);

        Assert.True(endedAtLogout);
        Assert.False(idleBefore);
        Assert.True(idle.Ended.IsCancellationRequested);
        Assert.Equal(0, sessions.Count);
    }

    [Fact]
    public void TryOpenStream_UpToItsPlaces_AClosedOneGivesItsPlaceBack()
    {
        using var sessions = new DashboardSessions(new ManualTimeProvider());
        var session = sessions.Start(Alice)!;

        var opened = Enumerable.Range(0, 3).Select(_ => session.TryOpenStream(3)).ToList();
        var fourth = session.TryOpenStream(3);
        session.CloseStream();
        var afterOneClosed = session.TryOpenStream(3);

        Assert.All(opened, Assert.True);
        Assert.False(fourth);
        Assert.True(afterOneClosed);
    }
}
