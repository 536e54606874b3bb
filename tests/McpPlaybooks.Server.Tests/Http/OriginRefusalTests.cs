using System.Net;
using System.Text.Json;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>
/// The Origin/Host check's 403 in the shape of what was asked: a page that says what to do for the dashboard's pages and
/// the approval page, the dashboard's <c>{"error","message"}</c> for its API, and a JSON-RPC error for <c>/mcp</c>.
/// </summary>
public sealed class OriginRefusalTests
{
    [Theory]
    [InlineData("GET", "/ui/", "Host", "page")]
    [InlineData("GET", "/ui/executions/ex-1", "Host", "page")]
    [InlineData("POST", "/ui/login", "Origin", "page")]
    [InlineData("GET", "/approve/some-token", "Host", "page")]
    [InlineData("POST", "/approve/some-token", "Origin", "page")]
    [InlineData("GET", "/ui/api/executions", "Host", "dashboard-json")]
    [InlineData("POST", "/ui/api/executions/ex-1/steps/s/decision", "Origin", "dashboard-json")]
    [InlineData("POST", "/mcp", "Host", "json-rpc")]
    [InlineData("POST", "/mcp", "Origin", "json-rpc")]
    public async Task Refusal_ForeignHostOrOrigin_403InTheShapeOfThePath(string method, string path, string header, string shape)
    {
        await using var server = await HttpTestServer.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        if (header == "Host")
        {
            request.Headers.Host = "evil.example.com";
        }
        else
        {
            request.Headers.Add("Origin", "http://evil.example.com");
        }

        using var response = await server.Raw.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var named = header == "Host" ? "Host header evil.example.com is not allowed" : "Origin header http://evil.example.com is not allowed";
        switch (shape)
        {
            case "page":
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains(named, WebUtility.HtmlDecode(body), StringComparison.Ordinal);
                Assert.Contains(header == "Host" ? "AllowedHosts" : "AllowedOrigins", body, StringComparison.Ordinal);
                Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
                break;
            case "dashboard-json":
                var problem = JsonDocument.Parse(body).RootElement;
                Assert.Equal(JsonValueKind.String, problem.GetProperty("error").ValueKind);
                Assert.Contains(named, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
                break;
            default:
                var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
                Assert.Equal(-32000, error.GetProperty("code").GetInt32());
                Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
                break;
        }
    }
}
