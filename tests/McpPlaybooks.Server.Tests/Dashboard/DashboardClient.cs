using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpPlaybooks.Server.Dashboard;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// A browser's view of the dashboard over plain HTTP: a cookie jar, no automatic redirects (tests look at each 303), the
/// CSRF token read from the last page, and the live feed read as Server-Sent Events.
/// </summary>
internal sealed partial class DashboardClient : IDisposable
{
    private readonly HttpClientHandler _handler;

    public DashboardClient(Uri baseAddress)
    {
        _handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };
        Http = new HttpClient(_handler) { BaseAddress = baseAddress };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => _handler.CookieContainer;

    /// <summary>The CSRF token of the last page read with <see cref="PageAsync"/>.</summary>
    public string? Csrf { get; private set; }

    /// <summary>The session cookie the server set, or null.</summary>
    public Cookie? Session => Cookies.GetCookies(Http.BaseAddress!).FirstOrDefault(cookie => cookie.Name == DashboardCookies.Session);

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

    /// <summary>Logs in with a bearer token through the login form (reading the form first for its CSRF token).</summary>
    public async Task<HttpResponseMessage> LogInAsync(string token)
    {
        await PageAsync(DashboardRoutes.Login);
        return await PostFormAsync(DashboardRoutes.Login, new Dictionary<string, string> { ["token"] = token });
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

    [GeneratedRegex(@"(?:name=""csrf-token"" content|name=""csrf"" value)=""([^""]+)""")]
    private static partial Regex CsrfPattern();
}
