using System.Net;
using System.Net.Http.Headers;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Mcp.EndToEnd;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>
/// Legacy SSE's <c>POST /message</c> for a session that is not open, or without a message: a 4xx that says so and what to
/// do, never a 500. Against the built server, whose JSON has no reflection (the SDK's own refusals need a JsonTypeInfo there).
/// </summary>
public sealed class LegacyMessageTests
{
    [Fact]
    public async Task Message_UnknownMissingOrStreamableSessionIdOrNoMessage_4xxSayingWhatToDo()
    {
        using var root = new TempDirectory();
        var errors = new StandardErrorLines();
        using var process = HttpServeEndToEndTests.Start(["serve", "--http", "127.0.0.1:0", "--data-dir", Path.Combine(root.Path, "data")], errors);
        try
        {
            using var http = new HttpClient { BaseAddress = await HttpServeEndToEndTests.ListeningAsync(errors) };
            using var initialize = await http.SendAsync(Initialize());
            var streamable = Assert.Single(initialize.Headers.GetValues(McpHeaderNames.SessionId));
            using var stream = await http.GetAsync(HttpRoutes.Sse, HttpCompletionOption.ResponseHeadersRead);
            var endpoint = await HttpIdentityTests.LegacyEndpointAsync(stream);

            await AssertRefusedAsync(http, HttpRoutes.Message + "?sessionId=unknown", HttpStatusCode.NotFound, "GET /sse");
            await AssertRefusedAsync(http, HttpRoutes.Mcp + HttpRoutes.Message + "?sessionId=unknown", HttpStatusCode.NotFound, "GET /sse");
            await AssertRefusedAsync(http, HttpRoutes.Message, HttpStatusCode.BadRequest, "GET /sse");
            await AssertRefusedAsync(http, HttpRoutes.Message + "?sessionId=", HttpStatusCode.BadRequest, "GET /sse");
            await AssertRefusedAsync(http, HttpRoutes.Message + "?sessionId=" + streamable, HttpStatusCode.NotFound, "Streamable HTTP");
            await AssertRefusedAsync(http, endpoint, HttpStatusCode.BadRequest, "No message", "null");
            using var ping = await http.PostAsync(endpoint, Json(HttpTestServer.Ping));
            Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.DoesNotContain(errors.Lines, l => l.Contains("JsonTypeInfo", StringComparison.Ordinal) || l.Contains("unhandled", StringComparison.OrdinalIgnoreCase));
    }

    private static HttpRequestMessage Initialize()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, HttpRoutes.Mcp) { Content = Json(HttpTestServer.Initialize) };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        return request;
    }

    private static StringContent Json(string json) => new(json, MediaTypeHeaderValue.Parse("application/json"));

    private static async Task AssertRefusedAsync(HttpClient http, string path, HttpStatusCode status, string says, string json = HttpTestServer.Ping)
    {
        using var response = await http.PostAsync(path, Json(json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path}: {response.StatusCode}: {body}");
        Assert.Contains(says, body, StringComparison.Ordinal);
    }
}
