using McpPlaybooks.Server.Tests.Http;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>The harness itself: the headless Chromium reaches the real HTTP server on 127.0.0.1 and runs a page's script.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserHarnessTests(BrowserFixture browser)
{
    [Fact]
    public async Task Chromium_OpensThe_HealthEndpoint_OfARealServer()
    {
        await using var server = await HttpTestServer.StartAsync();
        await using var session = await browser.OpenAsync();

        var response = await session.Page.GoToAsync(new Uri(server.Host.BaseAddress, "/healthz").ToString());
        var scripted = await session.Page.EvaluateExpressionAsync<string>("document.body.innerText");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.Contains("\"status\"", scripted, StringComparison.Ordinal);
    }
}
