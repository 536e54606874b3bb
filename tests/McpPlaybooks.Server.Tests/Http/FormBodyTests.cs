using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Dashboard;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>
/// POSTs whose body is not the form an endpoint reads (JSON, nothing, too large, too many fields): each endpoint kind
/// refuses in its own shape (JSON for the dashboard's API, a page for people) and nothing escapes as an unhandled exception.
/// </summary>
public sealed class FormBodyTests
{
    private const int Cap = 4096;

    [Fact]
    public async Task DashboardApi_BodyNotAFormOrTooLarge_JsonRefusalsAndNoUnhandledException()
    {
        var logs = new LogEvents();
        await using var server = await StartAsync(logs);
        using var alice = new DashboardClient(server.Host.BaseAddress);
        (await alice.LogInAsync(HttpTestServer.AliceToken)).Dispose();
        await alice.PageAsync(DashboardRoutes.Home);
        string[] routes = ["/ui/api/executions/ex-1/control", "/ui/api/executions/ex-1/steps/s/control", "/ui/api/executions/ex-1/steps/s/decision"];

        var json = await Task.WhenAll(routes.Select(route => SendAsync(alice, route, Json())));
        var empty = await SendAsync(alice, routes[0], content: null);
        var large = await SendAsync(alice, routes[0], Form(new string('x', 2 * Cap)));
        var many = await SendAsync(alice, routes[0], Form(string.Join('&', Enumerable.Repeat("a", 1025))));

        Assert.All(json, answer => AssertJson(answer, HttpStatusCode.UnsupportedMediaType, "application/x-www-form-urlencoded"));
        AssertJson(empty, HttpStatusCode.UnsupportedMediaType, "application/x-www-form-urlencoded");
        AssertJson(large, HttpStatusCode.RequestEntityTooLarge, $"{Cap} bytes");
        AssertJson(many, HttpStatusCode.BadRequest, "1024");
        AssertNoUnhandled(logs);
    }

    [Fact]
    public async Task LoginPage_BodyNotAFormOrTooLarge_PagesAndNoUnhandledException()
    {
        var logs = new LogEvents();
        await using var server = await StartAsync(logs);
        using var browser = new DashboardClient(server.Host.BaseAddress);
        await browser.PageAsync(DashboardRoutes.Login);

        var json = await SendAsync(browser, DashboardRoutes.Login, Json());
        var large = await SendAsync(browser, DashboardRoutes.Login, Form("csrf=" + Uri.EscapeDataString(browser.Csrf!) + "&token=" + new string('x', 2 * Cap)));

        AssertPage(json, HttpStatusCode.UnsupportedMediaType, "application/x-www-form-urlencoded");
        AssertPage(large, HttpStatusCode.RequestEntityTooLarge, $"{Cap} bytes");
        AssertNoUnhandled(logs);
    }

    [Fact]
    public async Task ApprovalPage_BodyNotAFormOrTooLarge_PagesAndNoUnhandledException()
    {
        var logs = new LogEvents();
        await using var server = await StartAsync(logs);
        var link = new Uri(server.Host.BaseAddress, "approve/" + new string('t', 43));
        using var browser = new DashboardClient(server.Host.BaseAddress);
        void FromThePage(HttpRequestMessage request) => request.Headers.Add("Origin", server.Host.BaseAddress.GetLeftPart(UriPartial.Authority));

        var json = await SendAsync(browser, link.AbsolutePath, Json(), FromThePage);
        var large = await SendAsync(browser, link.AbsolutePath, Form("decision=approve&comment=" + new string('x', 2 * Cap)), FromThePage);
        var many = await SendAsync(browser, link.AbsolutePath, Form(string.Join('&', Enumerable.Repeat("a", 1025))), FromThePage);

        AssertPage(json, HttpStatusCode.UnsupportedMediaType, "application/x-www-form-urlencoded");
        AssertPage(large, HttpStatusCode.RequestEntityTooLarge, $"{Cap} bytes");
        AssertPage(many, HttpStatusCode.BadRequest, "1024");
        AssertNoUnhandled(logs);
    }

    private static Task<HttpTestServer> StartAsync(LogEvents logs) =>
        HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens, MaxRequestBodyBytes = Cap }, logs: logs);

    private static StringContent Json() => new("""{"action":"cancel"}""", MediaTypeHeaderValue.Parse("application/json"));

    private static StringContent Form(string body) => new(body, Encoding.ASCII, "application/x-www-form-urlencoded");

    /// <summary>POSTs <paramref name="content"/> with the page's CSRF token in the header, as the dashboard's scripts do.</summary>
    private static async Task<(HttpStatusCode Status, string? Type, string Body)> SendAsync(DashboardClient browser, string path, HttpContent? content, Action<HttpRequestMessage>? change = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (browser.Csrf is { } csrf)
        {
            request.Headers.Add(DashboardCsrf.Header, csrf);
        }

        change?.Invoke(request);
        using var response = await browser.Http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private static void AssertJson((HttpStatusCode Status, string? Type, string Body) answer, HttpStatusCode status, string says)
    {
        Assert.True(answer.Status == status, $"{answer.Status}: {answer.Body}");
        Assert.Equal("application/json", answer.Type);
        var body = JsonDocument.Parse(answer.Body).RootElement;
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
        Assert.Contains(says, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static void AssertPage((HttpStatusCode Status, string? Type, string Body) answer, HttpStatusCode status, string says)
    {
        Assert.True(answer.Status == status, $"{answer.Status}: {answer.Body}");
        Assert.Equal("text/html", answer.Type);
        Assert.Contains(says, WebUtility.HtmlDecode(answer.Body), StringComparison.Ordinal);
    }

    private static void AssertNoUnhandled(LogEvents logs) =>
        Assert.DoesNotContain(logs.Lines, line => line.Message.Contains("unhandled", StringComparison.OrdinalIgnoreCase));
}
