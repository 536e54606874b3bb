using System.Net;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Http;
using static McpPlaybooks.Server.Tests.Dashboard.GateDashboard;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// Forged decisions from another program on this machine. A page on another local port passes the server's general
/// Origin check (any port of localhost) and can plant cookies for this host (cookies ignore ports); still, a dashboard
/// change needs this listener's own Origin (or Referer) and the CSRF token of the person's own session. Nothing is recorded.
/// </summary>
public sealed class DashboardForgeryTests
{
    [Fact]
    public async Task Decide_CsrfPairOfTheLoginPagePlantedInThePersonsBrowser_403NothingRecorded()
    {
        await using var server = await StartWithTokensAsync();
        var root = server.Host.BaseAddress;
        var id = await StartAsync(server, "gated", Alice);
        using var dana = await OpenAsync(server, Dana, id);
        using var attacker = new DashboardClient(root);
        await attacker.PageAsync(DashboardRoutes.Login);
        foreach (Cookie planted in attacker.Cookies.GetAllCookies())
        {
            dana.Cookies.Add(root, new Cookie(planted.Name, planted.Value));
        }

        using var forged = await DecideAsync(dana, id, "risky", "approve", csrf: attacker.Csrf);

        Assert.NotNull(attacker.Csrf);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("CSRF", await MessageOf(forged), StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9", null)]
    [InlineData("http://localhost:9", null)]
    [InlineData(null, "http://127.0.0.1:9/forged.html")]
    [InlineData(null, null)]
    public async Task Decide_NotFromThisListenersPage_403NothingRecorded(string? origin, string? referer)
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "gated", Alice);
        using var dana = await OpenAsync(server, Dana, id);

        using var forged = await PostDecisionAsync(dana, id, origin, referer);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("dashboard's own pages", await MessageOf(forged), StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Decide_NoOriginButItsOwnPageAsReferer_Decides()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "gated", Alice);
        using var dana = await OpenAsync(server, Dana, id);

        using var decided = await PostDecisionAsync(dana, id, origin: null, referer: new Uri(server.Host.BaseAddress, "/ui/executions/" + id).AbsoluteUri);

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Login_FromAPageOnAnotherLocalPort_403AndNoSession()
    {
        await using var server = await StartWithTokensAsync();
        using var browser = new DashboardClient(server.Host.BaseAddress);
        await browser.PageAsync(DashboardRoutes.Login);

        using var login = await browser.PostFormAsync(DashboardRoutes.Login, new Dictionary<string, string> { ["token"] = Alice },
            change: request => request.Headers.Add("Origin", "http://127.0.0.1:9"));

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Null(browser.Session);
    }

    private static Task<HttpResponseMessage> PostDecisionAsync(DashboardClient browser, string id, string? origin, string? referer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/ui/api/executions/{id}/steps/risky/decision")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["csrf"] = browser.Csrf! }),
        };
        request.Options.Set(DashboardClient.WithoutOrigin, true);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        return browser.Http.SendAsync(request);
    }
}
