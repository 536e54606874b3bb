using McpPlaybooks.Engine.Actions.Http;

namespace McpPlaybooks.Engine.Tests.Actions.Http;

public sealed class HostAllowlistTests
{
    [Theory]
    [InlineData("https://api.example.com/x", true)]
    [InlineData("https://API.Example.COM/x", true)]
    [InlineData("https://a.b.svc.example.net/", true)]
    [InlineData("https://svc.example.net/", true)]
    [InlineData("https://example.net/", false)]
    [InlineData("https://evilexample.net/", false)]
    [InlineData("https://api.example.com.evil.io/", false)]
    [InlineData("https://example.com/", false)]
    [InlineData("http://[::1]:8080/", true)]
    public void Allows_Host_MatchesExactHostsAndSubdomainsOfWildcards(string url, bool expected) =>
        Assert.Equal(expected, HostAllowlist.Allows(["api.example.com", "*.example.net", "::1"], new Uri(url)));

    [Fact]
    public void Allows_EmptyAllowlist_AllowsAnyHost() =>
        Assert.True(HostAllowlist.Allows([], new Uri("http://anything.invalid/")));
}
