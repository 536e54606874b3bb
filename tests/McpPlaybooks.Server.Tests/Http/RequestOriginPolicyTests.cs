using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>The Host and Origin allowlists, defaults and configured, and the listen address.</summary>
public sealed class RequestOriginPolicyTests
{
    private static readonly RequestOriginPolicy Defaults = new(HttpServerSettings.LocalHosts, HttpServerSettings.LocalOrigins);

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("localhost:8080", true)]
    [InlineData("LOCALHOST:1", true)]
    [InlineData("127.0.0.1:49152", true)]
    [InlineData("[::1]:8080", true)]
    [InlineData("[::1]", true)]
    [InlineData("evil.example.com", false)]
    [InlineData("localhost.evil.example.com", false)]
    [InlineData("127.0.0.2:8080", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void AllowsHost_Defaults_OnlyTheLocalNames(string? host, bool allowed) => Assert.Equal(allowed, Defaults.AllowsHost(host));

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://localhost:6274", true)]
    [InlineData("https://127.0.0.1", true)]
    [InlineData("http://[::1]:3000", true)]
    [InlineData("http://evil.example.com", false)]
    [InlineData("http://localhost.evil.example.com", false)]
    [InlineData("file://localhost", false)]
    [InlineData("null", false)]
    [InlineData("", false)]
    public void AllowsOrigin_Defaults_NoneOrALocalPage(string? origin, bool allowed) => Assert.Equal(allowed, Defaults.AllowsOrigin(origin));

    [Fact]
    public void Allows_ConfiguredLists_PortsWhenGivenAndAStarForAnything()
    {
        var policy = new RequestOriginPolicy(["mcp.example.com:8443", "ops.example.com"], ["https://ops.example.com"]);
        var open = new RequestOriginPolicy(["*"], ["*"]);

        Assert.True(policy.AllowsHost("mcp.example.com:8443"));
        Assert.False(policy.AllowsHost("mcp.example.com:8080"));
        Assert.True(policy.AllowsHost("ops.example.com:1"));
        Assert.False(policy.AllowsHost("localhost"));
        Assert.True(policy.AllowsOrigin("https://ops.example.com:9000"));
        Assert.False(policy.AllowsOrigin("http://ops.example.com"));
        Assert.True(open.AllowsHost("anything:1") && open.AllowsOrigin("https://anything") && open.AllowsOrigin("null"));
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080, true)]
    [InlineData("http://localhost:0/", "127.0.0.1", 0, true)]
    [InlineData("[::1]:9000", "::1", 9000, true)]
    [InlineData("0.0.0.0:80", "0.0.0.0", 80, false)]
    [InlineData("10.1.2.3:8080", "10.1.2.3", 8080, false)]
    public void Parse_GoodAddresses_AddressPortAndLoopback(string text, string address, int port, bool loopback)
    {
        var parsed = HttpListenAddress.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal((address, port, loopback), (parsed!.Address.ToString(), parsed.Port, parsed.IsLoopback));
    }

    [Theory]
    [InlineData("8080", "ADDRESS:PORT")]
    [InlineData("127.0.0.1:http", "port from 0")]
    [InlineData("127.0.0.1:70000", "port from 0")]
    [InlineData("myhost:8080", "not a host name")]
    [InlineData("::1:8080", "ADDRESS:PORT")]
    public void Parse_BadAddresses_SaysWhatIsWrong(string text, string expected)
    {
        var parsed = HttpListenAddress.Parse(text, out var problem);

        Assert.Null(parsed);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
