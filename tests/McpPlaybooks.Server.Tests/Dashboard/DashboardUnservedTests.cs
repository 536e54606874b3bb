using System.Net;
using System.Text.Json;
using McpPlaybooks.Server.Tests.Http;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// What the listener answers where nothing is served: under <c>/ui</c> the dashboard's own 404 or 405 (a page, or its
/// API's JSON under <c>/ui/api</c>) with the dashboard's security headers; at the root, the dashboard for a browser and a
/// pointer to <c>/mcp</c> for anything else; elsewhere the JSON-RPC 404 that names where things are.
/// </summary>
public sealed class DashboardUnservedTests
{
    [Theory]
    [InlineData("GET", "/ui/nope", HttpStatusCode.NotFound, "page")]
    [InlineData("GET", "/ui/executions/ex-1/nope", HttpStatusCode.NotFound, "page")]
    [InlineData("GET", "/ui/api/nope", HttpStatusCode.NotFound, "json")]
    [InlineData("POST", "/ui/playbooks", HttpStatusCode.MethodNotAllowed, "page")]
    [InlineData("DELETE", "/ui/api/executions", HttpStatusCode.MethodNotAllowed, "json")]
    public async Task UnservedDashboardPath_AnswersInTheDashboardsShapeWithItsHeaders(string method, string path, HttpStatusCode status, string shape)
    {
        await using var server = await HttpTestServer.StartAsync();

        using var response = await server.Raw.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.DoesNotContain("jsonrpc", body, StringComparison.Ordinal);
        if (shape == "page")
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(path, WebUtility.HtmlDecode(body), StringComparison.Ordinal);
            Assert.Contains("/ui/playbooks", body, StringComparison.Ordinal);
        }
        else
        {
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal(JsonValueKind.String, problem.GetProperty("error").ValueKind);
            Assert.Contains(path, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Root_ABrowserGoesToTheDashboard_AnyOtherMethodIsToldWhereMcpIs()
    {
        await using var server = await HttpTestServer.StartAsync();
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Host.BaseAddress };

        using var get = await noRedirects.GetAsync("/");
        using var head = await noRedirects.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        using var post = await server.PostAsync(HttpTestServer.Initialize, change: request => request.RequestUri = new Uri("/", UriKind.Relative));
        var error = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString();
        using var elsewhere = await server.Raw.GetAsync("/nope");
        var notFound = JsonDocument.Parse(await elsewhere.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString();

        Assert.Equal(HttpStatusCode.Found, get.StatusCode);
        Assert.Equal("/ui/", get.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Found, head.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Contains("MCP is served at /mcp", error, StringComparison.Ordinal);
        Assert.Contains("the dashboard for people at /ui/", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Contains("MCP is served at /mcp", notFound, StringComparison.Ordinal);
    }
}
