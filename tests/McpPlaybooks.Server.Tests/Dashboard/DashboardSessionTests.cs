using System.Net;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Http;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// What the dashboard's cookies carry. Browsers send a host's cookies to every port of that host, so a cookie is read by
/// any other program listening on this machine: it must hold a session id that works here only, never this run's access
/// token or a bearer token; logging out ends the session on the server; and two dashboards on one host keep their own.
/// </summary>
public sealed class DashboardSessionTests
{
    [Fact]
    public async Task StartUrl_CookieCarriesASessionIdNamedAfterThePort_NeverTheAccessToken()
    {
        await using var server = await HttpTestServer.StartAsync();
        var root = server.Host.BaseAddress;
        var access = server.Host.DashboardAddress.Query["?access=".Length..];
        using var browser = new DashboardClient(root);

        using var first = await browser.Http.GetAsync(server.Host.DashboardAddress);
        var (status, _) = await browser.PageAsync(DashboardRoutes.Home);
        var withTheToken = await CookieHoldingAsync(root, access);

        Assert.Equal(43, access.Length);
        var cookies = first.Headers.GetValues("Set-Cookie").ToList();
        Assert.DoesNotContain(cookies, cookie => cookie.Contains(access, StringComparison.Ordinal));
        Assert.All(browser.Cookies.GetAllCookies(), cookie => Assert.NotEqual(access, cookie.Value));
        Assert.Contains(cookies, cookie => cookie.StartsWith(DashboardClient.SessionCookie(root) + "=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, withTheToken);
    }

    [Fact]
    public async Task Login_CookieCarriesASessionId_NeverTheBearerToken()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        var root = server.Host.BaseAddress;
        using var browser = new DashboardClient(root);
        using var stranger = new DashboardClient(root);

        var (_, form) = await stranger.PageAsync(DashboardRoutes.Login);
        using var login = await browser.LogInAsync(HttpTestServer.AliceToken);
        var (status, html) = await browser.PageAsync(DashboardRoutes.Home);
        var withTheToken = await CookieHoldingAsync(root, HttpTestServer.AliceToken);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.DoesNotContain(login.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains(HttpTestServer.AliceToken, StringComparison.Ordinal));
        Assert.All(browser.Cookies.GetAllCookies(), cookie => Assert.NotEqual(HttpTestServer.AliceToken, cookie.Value));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<span class=\"who\">alice</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("a cookie this site alone can read", form, StringComparison.Ordinal);
        Assert.Contains("keeps only the session's random id", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, withTheToken);
    }

    [Fact]
    public async Task Logout_EndsTheSessionOnTheServer_ACopyOfTheCookieNoLongerWorks()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        var root = server.Host.BaseAddress;
        using var browser = new DashboardClient(root);
        (await browser.LogInAsync(HttpTestServer.AliceToken)).Dispose();
        await browser.PageAsync(DashboardRoutes.Home);
        var session = Assert.Single(browser.Cookies.GetAllCookies(), cookie => cookie.Name.StartsWith(DashboardCookies.Session, StringComparison.Ordinal));
        using var copy = new DashboardClient(root);
        copy.Cookies.Add(root, new Cookie(session.Name, session.Value));

        using var before = await copy.Http.GetAsync(DashboardRoutes.Executions);
        using var logout = await browser.PostFormAsync(DashboardRoutes.Logout, new Dictionary<string, string>());
        using var after = await copy.Http.GetAsync(DashboardRoutes.Executions);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task TwoDashboardsOnOneHost_OneCookieJar_NeitherLogsTheOtherOut()
    {
        await using var first = await HttpTestServer.StartAsync();
        await using var second = await HttpTestServer.StartAsync();
        var jar = new CookieContainer();
        using var one = new DashboardClient(first.Host.BaseAddress, jar);
        using var two = new DashboardClient(second.Host.BaseAddress, jar);

        (await one.Http.GetAsync(first.Host.DashboardAddress)).Dispose();
        (await two.Http.GetAsync(second.Host.DashboardAddress)).Dispose();
        var (firstStatus, _) = await one.PageAsync(DashboardRoutes.Home);
        var (secondStatus, _) = await two.PageAsync(DashboardRoutes.Home);

        Assert.NotEqual(first.Host.BaseAddress.Port, second.Host.BaseAddress.Port);
        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(HttpStatusCode.OK, secondStatus);
    }

    /// <summary>The API's answer to a session cookie holding <paramref name="value"/> (under the old name and this port's).</summary>
    private static async Task<HttpStatusCode> CookieHoldingAsync(Uri root, string value)
    {
        using var stolen = new DashboardClient(root);
        stolen.Cookies.Add(root, new Cookie(DashboardCookies.Session, value));
        stolen.Cookies.Add(root, new Cookie(DashboardClient.SessionCookie(root), value));
        using var response = await stolen.Http.GetAsync(DashboardRoutes.Executions);
        return response.StatusCode;
    }
}
