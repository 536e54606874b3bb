using System.Net;
using System.Text.Json;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Http;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary><c>/health/live</c> and <c>/health/ready</c> on <c>serve --http</c>: no token needed, readiness says what it checked.</summary>
public sealed class ProbeEndpointTests
{
    [Fact]
    public async Task Probes_WithTokensConfigured_AnswerWithoutAToken()
    {
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["three-logs.yaml"] = ThreeLogs }, http => http with { Tokens = HttpTestServer.WithTokens });

        using var live = await server.Raw.GetAsync(DashboardRoutes.Live);
        using var ready = await server.Raw.GetAsync(DashboardRoutes.Ready);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"status\":\"live\"", await live.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("history").GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("checks").GetProperty("catalog").GetProperty("playbooks").GetInt32());
    }

    [Fact]
    public async Task Ready_HistoryClosed_503NamingTheHistory_WhileLiveStays200()
    {
        await using var server = await HttpTestServer.StartAsync();
        await server.Engine.History.DisposeAsync();

        using var live = await server.Raw.GetAsync(DashboardRoutes.Live);
        using var ready = await server.Raw.GetAsync(DashboardRoutes.Ready);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unavailable", body.GetProperty("status").GetString());
        Assert.Equal("failed", body.GetProperty("checks").GetProperty("history").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Probes_ForeignHost_403()
    {
        await using var server = await HttpTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, DashboardRoutes.Ready) { Headers = { Host = "evil.example.com" } };

        using var response = await server.Raw.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
