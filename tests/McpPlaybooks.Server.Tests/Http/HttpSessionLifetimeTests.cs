using System.Net;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Mcp;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>How HTTP sessions end and what they count against: idle expiry, the per-identity cap, legacy SSE streams.</summary>
public sealed class HttpSessionLifetimeTests
{
    [Fact]
    public async Task IdleSession_PastTheIdleTime_EndsAndIsForgotten()
    {
        var clock = new ManualTimeProvider();
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { SessionIdleTimeout = TimeSpan.FromMinutes(1), Time = clock });
        var id = await server.InitializeAsync();

        clock.Advance(TimeSpan.FromMinutes(2));
        await server.Host.Sessions.WhenEndedAsync(id).WaitAsync(TimeSpan.FromSeconds(60));
        using var after = await server.PostAsync(HttpTestServer.Ping, id);

        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task Initialize_BeyondMaxSessionsPerIdentity_503ForThatIdentityOnly()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens, MaxSessionsPerIdentity = 1 });
        await server.InitializeAsync(HttpTestServer.AliceToken);

        using var second = await server.PostAsync(HttpTestServer.Initialize, token: HttpTestServer.AliceToken);
        await server.InitializeAsync(HttpTestServer.BobToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("60", second.Headers.RetryAfter?.ToString());
        Assert.Contains("MaxSessionsPerIdentity", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task LegacyStream_CountsAsASessionUntilItCloses()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { MaxSessions = 1 });
        var stream = await HttpIdentityTests.OpenLegacyAsync(server);
        var endpoint = await HttpIdentityTests.LegacyEndpointAsync(stream);
        var id = endpoint[(endpoint.IndexOf("sessionId=", StringComparison.Ordinal) + "sessionId=".Length)..];

        using var refused = await server.PostAsync(HttpTestServer.Initialize);
        stream.Dispose();
        await server.Host.Sessions.WhenEndedAsync(id).WaitAsync(TimeSpan.FromSeconds(60));

        // The stream may close before the SDK has begun running its session (the endpoint event comes first): then the wait
        // above has nothing to wait for yet, and the place is given back once that session has started and ended.
        await WhenNoSessionAsync(server).WaitAsync(TimeSpan.FromSeconds(60));
        var admitted = await server.InitializeAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotEmpty(admitted);
    }

    [Theory]
    [InlineData(HttpRoutes.Sse)]
    [InlineData(HttpRoutes.Mcp + HttpRoutes.Sse + "/")] // routing ignores a trailing slash; the count did not
    [InlineData(HttpRoutes.Sse + "/")]
    public async Task LegacyStream_WithASessionlessVersionHeader_StillCountsAgainstMaxSessionsPerIdentity(string path)
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens, MaxSessionsPerIdentity = 1 });
        using var first = await HttpIdentityTests.OpenLegacyAsync(server, HttpTestServer.AliceToken, McpServerComposition.LatestProtocolVersion);
        await HttpIdentityTests.LegacyEndpointAsync(first);

        using var second = await HttpIdentityTests.OpenLegacyAsync(server, HttpTestServer.AliceToken, McpServerComposition.LatestProtocolVersion, path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Contains("MaxSessionsPerIdentity", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatelessRequest_WhileMaxSessionsAreOpen_IsServedAndTakesNoPlace()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { MaxSessions = 1 });
        await server.InitializeAsync();

        using var discover = await server.PostAsync(HttpTransportTests.Discover, change: request => HttpTransportTests.Latest(request, "server/discover"));

        Assert.Equal(HttpStatusCode.OK, discover.StatusCode);
        Assert.Equal(1, server.Host.Sessions.Count);
    }

    private static async Task WhenNoSessionAsync(HttpTestServer server)
    {
        while (server.Host.Sessions.Count > 0)
        {
            await Task.Delay(10);
        }
    }
}
