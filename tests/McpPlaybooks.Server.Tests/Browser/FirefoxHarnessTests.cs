using McpPlaybooks.Server.Tests.Http;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>The Firefox harness itself: headless Firefox ESR, driven over WebDriver BiDi, reaches the real HTTP server and runs a page's script.</summary>
[Collection(FirefoxCollection.Name)]
public sealed class FirefoxHarnessTests(FirefoxFixture firefox)
{
    [Fact]
    public async Task Firefox_OpensThe_HealthEndpoint_OfARealServer()
    {
        await using var server = await HttpTestServer.StartAsync();
        await using var session = await firefox.OpenAsync();

        await session.GoToAsync(new Uri(server.Host.BaseAddress, "/healthz").ToString());
        var agent = await session.EvaluateAsync<string>("navigator.userAgent");
        var body = await session.EvaluateAsync<string>("document.body.textContent"); // Firefox shows JSON in its viewer

        Assert.Contains("Firefox/", agent, StringComparison.Ordinal);
        Assert.Contains("status", body, StringComparison.Ordinal);
    }
}
