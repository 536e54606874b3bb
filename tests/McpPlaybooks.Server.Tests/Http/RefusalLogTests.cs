using System.Net;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>
/// What a refused request writes to the server's real log file: anyone who reaches the port can be refused, so a line
/// repeats at most a few hundred characters of the request, lines of one reason are throttled, and the token of an
/// approval link (a person's credential) is never written.
/// </summary>
public sealed class RefusalLogTests
{
    [Fact]
    public async Task Refused_FloodOfHugeOriginHeaders_TenBoundedLinesAMinuteThenHowManyWereLeftOut()
    {
        var clock = new ManualTimeProvider();
        using var log = new ServerLogFile();
        var origin = "http://x" + new string('a', 30_000);
        await using (var server = await HttpTestServer.StartAsync(configure: http => http with { Time = clock }, logs: log.Factory))
        {
            for (var i = 0; i < 30; i++)
            {
                Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(server, "/healthz", origin: origin));
            }

            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(server, "/healthz", origin: origin));
        }

        var (lines, bytes) = log.Close();
        var refused = lines.Where(line => line.Contains("OriginHostCheck: Refused a request to /healthz", StringComparison.Ordinal)).ToList();
        Assert.Equal(RefusalLogThrottle.PerMinute + 1, refused.Count);
        Assert.All(refused, line => Assert.Contains("'http://xaaaa", line, StringComparison.Ordinal));
        Assert.All(refused, line => Assert.Contains("…[29808 characters cut]' is not allowed", line, StringComparison.Ordinal));
        Assert.All(refused, line => Assert.InRange(line.Length, 0, 500));
        var leftOut = Assert.Single(lines, line => line.Contains("were not logged", StringComparison.Ordinal));
        Assert.Contains("20 more refusals (an Origin header not allowed) were not logged since 2026-01-01 00:00:00Z", leftOut, StringComparison.Ordinal);
        Assert.True(lines.IndexOf(leftOut) < lines.IndexOf(refused[^1]), "the count comes before the next line of its reason");
        Assert.InRange(bytes, 0, 10_000);
    }

    [Theory]
    [InlineData("/approve/")]
    [InlineData("/APPROVE/")]
    public async Task Refused_ApprovalLinkUnderAForeignHost_LogNeverHoldsItsToken(string prefix)
    {
        const string Token = "X9_4QsvlF7cW2pLk0nR8tYb3uZ6eHjA1mD5gSxVqI0o";
        using var log = new ServerLogFile();
        await using (var server = await HttpTestServer.StartAsync(logs: log.Factory))
        {
            Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(server, prefix + Token, host: $"myvm.local:{server.Host.BaseAddress.Port}"));
        }

        var (lines, _) = log.Close();
        var refused = Assert.Single(lines, line => line.Contains("Refused a request", StringComparison.Ordinal));
        Assert.Contains($"Refused a request to {prefix}X9_4…[redacted]: its Host header 'myvm.local:", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => line.Contains(Token[..8], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refused_DashboardAddressWithAHugeIdAndAWrongAccessToken_PathBoundedQueryNeverLogged()
    {
        using var log = new ServerLogFile();
        var id = new string('e', 5_000);
        await using (var server = await HttpTestServer.StartAsync(logs: log.Factory))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(server, $"/ui/executions/{id}?access=not-the-token"));
        }

        var (lines, _) = log.Close();
        var refused = Assert.Single(lines, line => line.Contains("Dashboard refused a request", StringComparison.Ordinal));
        Assert.Contains($"/ui/executions/{id[..185]}…[4815 characters cut]: a wrong access token in the URL", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token", refused, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> GetAsync(HttpTestServer server, string path, string? origin = null, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await server.Raw.SendAsync(request);
        return response.StatusCode;
    }
}
