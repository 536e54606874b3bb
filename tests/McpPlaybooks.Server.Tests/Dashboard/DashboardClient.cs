using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpPlaybooks.Server.Dashboard;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// A browser's view of the dashboard over plain HTTP: a cookie jar (port-blind, as a browser's: pass one to share it
/// between listeners), no automatic redirects (tests look at each 303), the CSRF token read from the last page, the live
/// feed read as Server-Sent Events, and, as a browser does, the page's own Origin on every request that is not a GET or
/// HEAD (unless the request sets one, or <see cref="WithoutOrigin"/>).
/// </summary>
internal sealed partial class DashboardClient : IDisposable
{
    /// <summary>Set on a request to send it without the Origin header a browser would add.</summary>
    public static readonly HttpRequestOptionsKey<bool> WithoutOrigin = new("dashboard.without-origin");

    private readonly HttpClientHandler _handler;

    public DashboardClient(Uri baseAddress, CookieContainer? cookies = null)
    {
        _handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true };
        Http = new HttpClient(new BrowserOrigin(baseAddress) { InnerHandler = _handler }) { BaseAddress = baseAddress };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => _handler.CookieContainer;

    /// <summary>The CSRF token of the last page read with <see cref="PageAsync"/>.</summary>
    public string? Csrf { get; private set; }

    /// <summary>The session cookie the server set (named after its port), or null.</summary>
    public Cookie? Session => Cookies.GetCookies(Http.BaseAddress!).FirstOrDefault(cookie => cookie.Name == SessionCookie(Http.BaseAddress!));

    /// <summary>The name of the session cookie of the listener at <paramref name="address"/>: <c>mcpp_session_PORT</c>.</summary>
    public static string SessionCookie(Uri address) => DashboardCookies.Session + "_" + address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>GETs a page and keeps its CSRF token (the meta tag or the form field).</summary>
    public async Task<(HttpStatusCode Status, string Html)> PageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (CsrfPattern().Match(html) is { Success: true } match)
        {
            Csrf = WebUtility.HtmlDecode(match.Groups[1].Value);
        }

        return (response.StatusCode, html);
    }

    /// <summary>POSTs a form (with the page's CSRF token unless <paramref name="csrf"/> says otherwise, "" for none).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields, string? csrf = null, Action<HttpRequestMessage>? change = null)
    {
        var form = new Dictionary<string, string>(fields);
        var token = csrf ?? Csrf;
        if (!string.IsNullOrEmpty(token))
        {
            form["csrf"] = token;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        change?.Invoke(request);
        return await Http.SendAsync(request);
    }

    /// <summary>
    /// Logs in with a bearer token through the login form (reading the form first for its CSRF token), then, as a browser
    /// follows the 303, reads the page it leads to: the new session's CSRF token is on it.
    /// </summary>
    public async Task<HttpResponseMessage> LogInAsync(string token)
    {
        await PageAsync(DashboardRoutes.Login);
        var response = await PostFormAsync(DashboardRoutes.Login, new Dictionary<string, string> { ["token"] = token });
        if (response.StatusCode == HttpStatusCode.SeeOther && response.Headers.Location is { } next)
        {
            await PageAsync(next.ToString());
        }

        return response;
    }

    public async Task<JsonElement> ExecutionsAsync(string query = "")
    {
        using var response = await Http.GetAsync(DashboardRoutes.Executions + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Opens the live feed and returns once its <c>ready</c> event has arrived (from then on, no change is missed).</summary>
    public async Task<DashboardEvents> EventsAsync()
    {
        var response = await Http.GetAsync(DashboardRoutes.Events, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new DashboardEvents(response, await response.Content.ReadAsStreamAsync());
        var ready = await events.NextAsync();
        Assert.Equal("ready", ready.Name);
        return events;
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    /// <summary>Adds the page's Origin to a request that changes state, as a browser does for a page's own fetch and forms.</summary>
    private sealed class BrowserOrigin(Uri page) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var quiet = request.Options.TryGetValue(WithoutOrigin, out var without) && without;
            if (!quiet && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && !request.Headers.Contains("Origin"))
            {
                request.Headers.Add("Origin", page.GetLeftPart(UriPartial.Authority));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [GeneratedRegex(@"(?:name=""csrf-token"" content|name=""csrf"" value)=""([^""]+)""")]
    private static partial Regex CsrfPattern();
}
