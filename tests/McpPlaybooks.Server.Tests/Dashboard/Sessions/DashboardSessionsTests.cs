using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Tests.Dashboard.Sessions;

/// <summary>The dashboard's sessions in memory: random ids bound to their caller, ended at logout, after a long idle time and after their lifetime.</summary>
public sealed class DashboardSessionsTests
{
    private static readonly HttpCaller Alice = new("alice", ["operator"]);

    [Fact]
    public void Start_RandomIdsOfTheirCaller_FoundUntilEnded()
    {
        var sessions = new DashboardSessions(new ManualTimeProvider());

        var one = sessions.Start(Alice);
        var two = sessions.Start(Alice);
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
        var sessions = new DashboardSessions(clock);
        var idle = sessions.Start(Alice);
        var used = sessions.Start(Alice);

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
        var sessions = new DashboardSessions(clock);
        var session = sessions.Start(Alice);

        for (var elapsed = TimeSpan.Zero; elapsed < DashboardSessions.Lifetime - TimeSpan.FromHours(6); elapsed += TimeSpan.FromHours(6))
        {
            clock.Advance(TimeSpan.FromHours(6));
            Assert.NotNull(sessions.Find(session.Id));
        }

        clock.Advance(TimeSpan.FromHours(6));

        Assert.Null(sessions.Find(session.Id));
    }
}
