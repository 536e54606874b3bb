using System.Net;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary><c>Ui:Address</c> (<c>--ui</c>, <c>MCPPLAYBOOKS_UI</c>): on by default on a free loopback port, <c>off</c>, and only loopback.</summary>
public sealed class DashboardAddressReaderTests
{
    [Fact]
    public void Read_Unset_LoopbackOnAFreePort()
    {
        var address = Read(variable: null, flag: null, out var problems);

        Assert.Empty(problems);
        Assert.Equal(new HttpListenAddress(IPAddress.Loopback, 0), address);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    public void Read_Off_NoDashboard(string value)
    {
        var address = Read(variable: null, flag: value, out var problems);

        Assert.Empty(problems);
        Assert.Null(address);
    }

    [Fact]
    public void Read_FlagWinsOverTheVariable()
    {
        var address = Read(variable: "127.0.0.1:8123", flag: "[::1]:9000", out var problems);

        Assert.Empty(problems);
        Assert.Equal(new HttpListenAddress(IPAddress.IPv6Loopback, 9000), address);
    }

    [Theory]
    [InlineData("0.0.0.0:8080")]
    [InlineData("192.168.1.10:8080")]
    public void Read_AddressOtherMachinesReach_RefusedSayingWhy(string value)
    {
        var address = Read(variable: value, flag: null, out var problems);

        Assert.Null(address);
        var problem = Assert.Single(problems);
        Assert.StartsWith("MCPPLAYBOOKS_UI: the dashboard under stdio listens on loopback only", problem, StringComparison.Ordinal);
        Assert.Contains("serve --http ADDRESS:PORT --tokens FILE", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAnAddress_ProblemNamingTheFlagAndOff()
    {
        var address = Read(variable: null, flag: "dashboard", out var problems);

        Assert.Null(address);
        Assert.StartsWith("--ui must be ADDRESS:PORT", Assert.Single(problems), StringComparison.Ordinal);
        Assert.EndsWith("or 'off'", problems[0], StringComparison.Ordinal);
    }

    private static HttpListenAddress? Read(string? variable, string? flag, out List<string> problems)
    {
        problems = [];
        var flags = new Dictionary<string, IReadOnlyList<string>>();
        if (flag is not null)
        {
            flags[ServeSettings.Ui.Key] = [flag];
        }

        var empty = Directory.CreateTempSubdirectory("mcpp-ui-").FullName;
        try
        {
            var configuration = ServeConfiguration.Build(empty, empty, name => name == "MCPPLAYBOOKS_UI" ? variable : null, flags, problems);
            return DashboardAddressReader.Read(configuration, problems);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
