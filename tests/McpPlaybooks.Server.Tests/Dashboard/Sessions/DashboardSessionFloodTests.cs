using System.Net;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Tests.Http;

namespace McpPlaybooks.Server.Tests.Dashboard.Sessions;

/// <summary>
/// A flood of logins over HTTP, as a script sends it: one login form's CSRF token and login cookie, posted again and
/// again without the session cookies it is given. One identity may end only its own sessions, never another's.
/// </summary>
public sealed class DashboardSessionFloodTests
{
    [Fact]
    public async Task Login_AViewerLogsInPastItsCap_OnlyItsOwnLeastRecentlyUsedSessionEnds()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        using var alice = new DashboardClient(server.Host.BaseAddress);
        (await alice.LogInAsync(HttpTestServer.AliceToken)).Dispose();
        using var script = await LoginScript.OpenAsync(server.Host.BaseAddress);

        var bobs = new List<string>();
        for (var i = 0; i <= DefaultPerIdentity; i++)
        {
            bobs.Add(await script.LogInAsync(HttpTestServer.BobToken));
        }

        Assert.Equal(HttpStatusCode.OK, await script.ExecutionsAsync(alice.Session!.Value));
        Assert.Equal(HttpStatusCode.Unauthorized, await script.ExecutionsAsync(bobs[0]));
        foreach (var bob in bobs.Skip(1))
        {
            Assert.Equal(HttpStatusCode.OK, await script.ExecutionsAsync(bob));
        }
    }

    [Fact]
    public async Task Login_AtTheTotalCap_503PageWithRetryAfter_AndNoOneIsLoggedOut()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens, Dashboard = new DashboardSessionLimits { Total = 1 } });
        using var alice = new DashboardClient(server.Host.BaseAddress);
        (await alice.LogInAsync(HttpTestServer.AliceToken)).Dispose();
        using var script = await LoginScript.OpenAsync(server.Host.BaseAddress);

        using var refused = await script.PostLoginAsync(HttpTestServer.BobToken);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The dashboard has 1 sessions open, the most it keeps", page, StringComparison.Ordinal);
        Assert.Contains("no one's was ended to make room", page, StringComparison.Ordinal);
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out _));
        Assert.Equal(HttpStatusCode.OK, await script.ExecutionsAsync(alice.Session!.Value));
    }

    /// <summary>The default of <c>DashboardMaxSessionsPerIdentity</c>.</summary>
    private const int DefaultPerIdentity = 20;
}
