using System.Net;
using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Tests.Http;

public sealed class HttpServeWarningTests
{
    [Fact]
    public void RemoteWithLocalHostsOnly_AnyInterfaceWithDefaultHosts_WarnsUnlessHostsAreSetOrLoopback()
    {
        var remote = new HttpServerSettings { Listen = new HttpListenAddress(IPAddress.Any, 8080) };

        Assert.True(HttpServe.RemoteWithLocalHostsOnly(remote));
        Assert.False(HttpServe.RemoteWithLocalHostsOnly(remote with { AllowedHosts = ["mcp.example.com"] }));
        Assert.False(HttpServe.RemoteWithLocalHostsOnly(remote with { Listen = new HttpListenAddress(IPAddress.Loopback, 8080) }));
    }
}
