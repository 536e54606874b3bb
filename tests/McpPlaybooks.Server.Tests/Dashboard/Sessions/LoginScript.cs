using System.Net;
using System.Text.RegularExpressions;
using McpPlaybooks.Server.Dashboard;

namespace McpPlaybooks.Server.Tests.Dashboard.Sessions;

/// <summary>
/// A script that logs in to the dashboard with one login form's CSRF token and login cookie, again and again, keeping no
/// cookie it is given: each login opens a session of its own. It reads the API with whichever session cookie it is told.
/// </summary>
internal sealed partial class LoginScript : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _loginCookie;
    private readonly string _csrf;

    private LoginScript(HttpClient http, string loginCookie, string csrf)
    {
        _http = http;
        _loginCookie = loginCookie;
        _csrf = csrf;
    }

    /// <summary>Reads the login form once, for its CSRF token and the login cookie it is bound to.</summary>
    public static async Task<LoginScript> OpenAsync(Uri root)
    {
        using var form = new DashboardClient(root);
        await form.PageAsync(DashboardRoutes.Login);
        var login = Assert.Single(form.Cookies.GetAllCookies(), cookie => cookie.Name.StartsWith(DashboardCookies.Login, StringComparison.Ordinal));
        var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = root };
        return new LoginScript(http, $"{login.Name}={login.Value}", form.Csrf!);
    }

    /// <summary>Posts the login form with <paramref name="token"/>; returns the answer (not followed).</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, DashboardRoutes.Login)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["csrf"] = _csrf }),
        };
        request.Headers.Add("Cookie", _loginCookie);
        request.Headers.Add("Origin", _http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return await _http.SendAsync(request);
    }

    /// <summary>Logs in with <paramref name="token"/> and returns the new session cookie's value.</summary>
    public async Task<string> LogInAsync(string token)
    {
        using var response = await PostLoginAsync(token);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith(DashboardCookies.Session, StringComparison.Ordinal));
        return SessionValue().Match(cookie).Groups[1].Value;
    }

    /// <summary>The status of the executions list read with the session cookie holding <paramref name="session"/>.</summary>
    public async Task<HttpStatusCode> ExecutionsAsync(string session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, DashboardRoutes.Executions);
        request.Headers.Add("Cookie", $"{DashboardClient.SessionCookie(_http.BaseAddress!)}={session}");
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("^[^=]+=([^;]*)")]
    private static partial Regex SessionValue();
}
