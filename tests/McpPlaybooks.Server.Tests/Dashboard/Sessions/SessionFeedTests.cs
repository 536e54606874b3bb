using System.Net;
using System.Text.Json;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;

namespace McpPlaybooks.Server.Tests.Dashboard.Sessions;

/// <summary>
/// The live feed (<c>/ui/api/events</c>) lives no longer than its session: logging out or the session's expiry ends its
/// open streams, so a copy of the cookie hears no more; and one session holds a bounded number of streams.
/// </summary>
public sealed class SessionFeedTests
{
    [Fact]
    public async Task Logout_EndsTheSessionsOpenFeed_ACopyOfTheCookieHearsNoMoreRows()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks(), http => http with { Tokens = HttpTestServer.WithTokens });
        using var bob = new DashboardClient(server.Host.BaseAddress);
        (await bob.LogInAsync(HttpTestServer.BobToken)).Dispose();
        using var copy = CopyOf(bob);
        using var events = await copy.EventsAsync();

        using var logout = await bob.PostFormAsync(DashboardRoutes.Logout, new Dictionary<string, string>());
        var mcp = await server.ConnectAsync(token: HttpTestServer.AliceToken);
        await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs" });

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal((null, null), await events.NextAsync());
    }

    [Fact]
    public async Task SessionExpires_ItsOpenFeedEnds_ThoughNoRequestNamesItAgain()
    {
        var clock = new ManualTimeProvider();
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks(), http => http with { Time = clock });
        using var browser = await ExecutionListTests.SignedInAsync(server);
        using var events = await browser.EventsAsync();

        clock.Advance(DashboardSessions.IdleLimit + TimeSpan.FromMinutes(1));
        var mcp = await server.ConnectAsync();
        await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs" });
        var ended = await events.NextAsync();
        using var after = await browser.Http.GetAsync(DashboardRoutes.Executions);

        Assert.Equal((null, null), ended);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Feed_PastTheStreamsOfOneSession_429SayingWhy_OtherSessionsStillListen_AClosedStreamGivesItsPlaceBack()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        using var browser = await ExecutionListTests.SignedInAsync(server);
        var open = new List<DashboardEvents>();
        for (var i = 0; i < StreamsPerSession; i++)
        {
            open.Add(await browser.EventsAsync());
        }

        using var refused = await browser.Http.GetAsync(DashboardRoutes.Events, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode); // before reading it: an accepted stream never ends
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        using var other = await ExecutionListTests.SignedInAsync(server);
        using var othersFeed = await other.EventsAsync();
        open[0].Dispose();
        using var again = await AcceptedAsync(browser).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains($"already has {StreamsPerSession} live feeds open", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("text/event-stream", again.Content.Headers.ContentType?.MediaType);
        foreach (var stream in open.Skip(1))
        {
            stream.Dispose();
        }
    }

    /// <summary>The default cap of open feeds per session.</summary>
    private const int StreamsPerSession = 8;

    /// <summary>Another client holding a copy of <paramref name="browser"/>'s session cookie.</summary>
    private static DashboardClient CopyOf(DashboardClient browser)
    {
        var root = browser.Http.BaseAddress!;
        var copy = new DashboardClient(root);
        copy.Cookies.Add(root, new Cookie(browser.Session!.Name, browser.Session.Value));
        return copy;
    }

    /// <summary>Asks for the feed until it is accepted: the server gives a closed stream's place back once it sees the close.</summary>
    private static async Task<HttpResponseMessage> AcceptedAsync(DashboardClient browser)
    {
        while (true)
        {
            var response = await browser.Http.GetAsync(DashboardRoutes.Events, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(10);
        }
    }
}
