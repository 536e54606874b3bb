using System.Net;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Tests.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>
/// A server people reach under a name: on 0.0.0.0 it prints and sends addresses that open (the first AllowedHosts name,
/// not 0.0.0.0), and its own pages' forms pass the Origin check under that name without listing it in AllowedOrigins.
/// </summary>
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", 8080, new[] { "localhost", "127.0.0.1" }, "127.0.0.1:8080")]
    [InlineData("0.0.0.0", 8080, new[] { "mcp.example.com", "localhost" }, "mcp.example.com:8080")]
    [InlineData("0.0.0.0", 8080, new[] { "localhost", "127.0.0.1", "[::1]" }, "localhost:8080")]
    [InlineData("0.0.0.0", 8080, new[] { "*", "ops.example.com:443" }, "ops.example.com:443")]
    [InlineData("0.0.0.0", 8080, new[] { "*" }, "127.0.0.1:8080")]
    [InlineData("::", 8080, new[] { "*" }, "[::1]:8080")]
    [InlineData("::", 8080, new[] { "[fd00::1]" }, "[fd00::1]:8080")]
    public void PublicAuthority_WildcardTakesTheFirstAllowedName_OthersTheirOwnAddress(string address, int port, string[] hosts, string expected) =>
        Assert.Equal(expected, new HttpListenAddress(IPAddress.Parse(address), port).PublicAuthority(port, hosts));

    [Theory]
    [InlineData("http://ops.example.com:8080", "ops.example.com:8080", true)]
    [InlineData("https://ops.example.com", "ops.example.com", true)]
    [InlineData("HTTP://OPS.example.com:8080", "ops.example.com:8080", true)]
    [InlineData("http://ops.example.com:9090", "ops.example.com:8080", false)]
    [InlineData("http://ops.example.com", "ops.example.com:8080", false)]
    [InlineData("http://evil.example.com:8080", "ops.example.com:8080", false)]
    [InlineData("file://ops.example.com:8080", "ops.example.com:8080", false)]
    [InlineData("null", "ops.example.com:8080", false)]
    [InlineData(null, "ops.example.com:8080", true)]
    [InlineData("http://localhost:6274", "ops.example.com:8080", true)]
    public void AllowsOrigin_TheRequestsOwnOriginOrTheList(string? origin, string host, bool allowed) =>
        Assert.Equal(allowed, new RequestOriginPolicy(["ops.example.com"], HttpServerSettings.LocalOrigins).AllowsOrigin(origin, host));

    [Fact]
    public async Task Serve_OnEveryInterface_PrintsAndRecordsTheFirstAllowedNameNotTheWildcard()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with
        {
            Listen = new HttpListenAddress(IPAddress.Any, 0),
            AllowedHosts = ["127.0.0.1"],
            Tokens = HttpTestServer.WithTokens,
        });

        var root = server.Host.BaseAddress;
        var page = server.Host.Services.GetRequiredService<ApprovalPageAddress>().BaseAddress;

        Assert.Equal("127.0.0.1", root.Host);
        Assert.Equal(root, page);
        Assert.Equal("127.0.0.1", server.Host.DashboardAddress.Host);
        using var health = await server.Raw.GetAsync(new Uri(root, "healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task DashboardLogin_UnderAnAllowedName_ItsOwnOriginPasses_AnotherSitesIsRefused()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { AllowedHosts = ["ops.test"], Tokens = HttpTestServer.WithTokens });
        var name = $"ops.test:{server.Host.BaseAddress.Port}";

        using var own = await LogInAsync(server, name, $"http://{name}");
        using var foreign = await LogInAsync(server, name, $"http://evil.test:{server.Host.BaseAddress.Port}");

        Assert.Equal(HttpStatusCode.SeeOther, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("Origin header http://evil.test", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The login form as a browser that reached the server as <paramref name="host"/> posts it, from <paramref name="origin"/>.</summary>
    private static async Task<HttpResponseMessage> LogInAsync(HttpTestServer server, string host, string origin)
    {
        using var browser = new DashboardClient(server.Host.BaseAddress);
        browser.Http.DefaultRequestHeaders.Host = host;
        var (status, _) = await browser.PageAsync(DashboardRoutes.Login);
        Assert.Equal(HttpStatusCode.OK, status);
        return await browser.PostFormAsync(DashboardRoutes.Login, new Dictionary<string, string> { ["token"] = HttpTestServer.AliceToken }, change: request => request.Headers.Add("Origin", origin));
    }
}
