using System.Net;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Tests.Http;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>Who may open the dashboard on <c>serve --http</c>: this run's access token without tokens, a login with tokens, roles, CSRF, Origin/Host.</summary>
public sealed class DashboardAccessTests
{
    [Fact]
    public async Task StartUrl_RightAccessToken_OpensASessionInAStrictHttpOnlyCookieAndRedirectsToTheCleanUrl()
    {
        await using var server = await HttpTestServer.StartAsync();
        using var browser = new DashboardClient(server.Host.BaseAddress);

        using var first = await browser.Http.GetAsync(server.Host.DashboardAddress);
        var (status, html) = await browser.PageAsync(DashboardRoutes.Home);

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal("/ui/", first.Headers.Location?.ToString());
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"local:{Environment.UserName}", html, StringComparison.Ordinal);
        Assert.Contains("?access=", server.Host.DashboardAddress.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutTheAccessToken_401PageSayingWhereTheUrlIs()
    {
        await using var server = await HttpTestServer.StartAsync();
        using var browser = new DashboardClient(server.Host.BaseAddress);

        var (status, html) = await browser.PageAsync(DashboardRoutes.Home);
        using var api = await browser.Http.GetAsync(DashboardRoutes.Executions);
        using var events = await browser.Http.GetAsync(DashboardRoutes.Events);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Dashboard at http://127.0.0.1:PORT/ui/?access=...", html, StringComparison.Ordinal);
        Assert.Contains("&lt;data-dir&gt;/logs", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
    }

    [Fact]
    public async Task StartUrl_WrongAccessToken_401AndNoCookie()
    {
        await using var server = await HttpTestServer.StartAsync();
        using var browser = new DashboardClient(server.Host.BaseAddress);
        browser.Cookies.Add(server.Host.BaseAddress, new Cookie(DashboardCookies.Session, "guessed-token"));

        using var wrong = await browser.Http.GetAsync("/ui/?access=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var (status, _) = await browser.PageAsync(DashboardRoutes.Home);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("not this server's", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Page_WithTokensAndNoSession_RedirectsToTheLoginPage()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        using var browser = new DashboardClient(server.Host.BaseAddress);

        using var page = await browser.Http.GetAsync(DashboardRoutes.Home);
        using var startUrl = await browser.Http.GetAsync(server.Host.DashboardAddress);
        using var api = await browser.Http.GetAsync(DashboardRoutes.Executions);

        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        Assert.Equal(DashboardRoutes.Login, page.Headers.Location?.ToString());
        Assert.Equal("/ui/", server.Host.DashboardAddress.PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, startUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Login_KnownToken_SetsTheSessionCookieAndThePageShowsTheTokensIdentity()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        using var browser = new DashboardClient(server.Host.BaseAddress);

        using var login = await browser.LogInAsync(HttpTestServer.BobToken);
        var (status, html) = await browser.PageAsync(DashboardRoutes.Home);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(DashboardRoutes.Home, login.Headers.Location?.ToString());
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(DashboardClient.SessionCookie(server.Host.BaseAddress) + "=", StringComparison.Ordinal)
            && cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase) && cookie.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<span class=\"who\">bob</span>", html, StringComparison.Ordinal);
        Assert.Contains("Log out", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_UnknownToken_401FormAgainAndNoSession()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        using var browser = new DashboardClient(server.Host.BaseAddress);

        using var login = await browser.LogInAsync("not-a-token-of-this-server");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("That token is not known to this server", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.Session);
    }

    [Theory]
    [InlineData("")]
    [InlineData("forged-csrf-token")]
    public async Task Login_MissingOrForgedCsrfToken_403AndNoSession(string csrf)
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        using var browser = new DashboardClient(server.Host.BaseAddress);
        await browser.PageAsync(DashboardRoutes.Login);

        using var login = await browser.PostFormAsync(DashboardRoutes.Login, new Dictionary<string, string> { ["token"] = HttpTestServer.AliceToken }, csrf);

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Contains("CSRF token", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task Login_CsrfTokenOfAnotherBrowser_403()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        using var attacker = new DashboardClient(server.Host.BaseAddress);
        using var victim = new DashboardClient(server.Host.BaseAddress);
        await attacker.PageAsync(DashboardRoutes.Login);
        await victim.PageAsync(DashboardRoutes.Login);

        using var login = await victim.PostFormAsync(DashboardRoutes.Login, new Dictionary<string, string> { ["token"] = HttpTestServer.AliceToken }, attacker.Csrf);

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.NotEqual(attacker.Csrf, victim.Csrf);
    }

    [Fact]
    public async Task Logout_NeedsTheCsrfToken_ThenEndsTheSession()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        using var browser = new DashboardClient(server.Host.BaseAddress);
        (await browser.LogInAsync(HttpTestServer.AliceToken)).Dispose();
        await browser.PageAsync(DashboardRoutes.Home);

        using var forged = await browser.PostFormAsync(DashboardRoutes.Logout, new Dictionary<string, string>(), csrf: "forged");
        var stillIn = await browser.PageAsync(DashboardRoutes.Home);
        using var logout = await browser.PostFormAsync(DashboardRoutes.Logout, new Dictionary<string, string>());
        using var after = await browser.Http.GetAsync(DashboardRoutes.Home);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.Status);
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal(DashboardRoutes.Login, logout.Headers.Location?.ToString());
        Assert.Null(browser.Session);
        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
    }

    [Fact]
    public async Task Page_TokenWithoutAViewingRole_403NamingTheRole()
    {
        var tokens = new AccessTokens([(Convert.FromHexString(AccessTokens.Digest(CarolToken)), new HttpCaller("carol", ["oncall"]))]);
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = tokens });
        using var browser = new DashboardClient(server.Host.BaseAddress);
        (await browser.LogInAsync(CarolToken)).Dispose();

        var (status, html) = await browser.PageAsync(DashboardRoutes.Home);
        using var api = await browser.Http.GetAsync(DashboardRoutes.Executions);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("carol has the roles oncall; this needs viewer", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [Fact]
    public async Task Dashboard_ForeignHostOrOrigin_403BeforeAnything()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        using var browser = new DashboardClient(server.Host.BaseAddress);
        await browser.PageAsync(DashboardRoutes.Login);

        using var host = new HttpRequestMessage(HttpMethod.Get, server.Host.DashboardAddress) { Headers = { Host = "evil.example.com" } };
        using var foreignHost = await browser.Http.SendAsync(host);
        using var foreignOrigin = await browser.PostFormAsync(DashboardRoutes.Login, new Dictionary<string, string> { ["token"] = HttpTestServer.AliceToken },
            change: request => request.Headers.Add("Origin", "http://evil.example.com"));

        Assert.Equal(HttpStatusCode.Forbidden, foreignHost.StatusCode);
        Assert.Contains("Host header evil.example.com is not allowed", await foreignHost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, foreignOrigin.StatusCode);
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task Pages_CarrySecurityHeaders()
    {
        await using var server = await HttpTestServer.StartAsync();
        using var browser = new DashboardClient(server.Host.BaseAddress);
        (await browser.Http.GetAsync(server.Host.DashboardAddress)).Dispose();

        using var page = await browser.Http.GetAsync(DashboardRoutes.Home);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("default-src 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    private const string CarolToken = "carol-token-0123456789abcdef";
}
