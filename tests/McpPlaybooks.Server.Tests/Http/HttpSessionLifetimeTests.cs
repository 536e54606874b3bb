using System.Net;
using McpPlaybooks.Server.Hosting.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>How HTTP sessions end: expiry of uninitialized ones, no use of an ended one, no new one while stopping.</summary>
public sealed class HttpSessionLifetimeTests
{
    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    [Fact]
    public async Task ExpireIdle_NeverInitialized_EndsSoonerThanAnInitializedOne()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { UninitializedTimeout = TimeSpan.Zero, ExpireInBackground = false });
        var lingering = await server.InitializeAsync();
        var initialized = await server.InitializeAsync();
        using var notified = await server.PostAsync(Initialized, initialized);

        var expired = await server.Host.Sessions.ExpireIdleAsync();

        Assert.Equal(HttpStatusCode.Accepted, notified.StatusCode);
        Assert.Equal(1, expired);
        Assert.Null(server.Host.Sessions.Find(lingering));
        Assert.NotNull(server.Host.Sessions.Find(initialized));
    }

    [Fact]
    public async Task TryBegin_OnAnEndedSession_IsRefused()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { ExpireInBackground = false });
        var id = await server.InitializeAsync();
        var session = server.Host.Sessions.Find(id)!;

        await server.Host.Sessions.EndAsync(id, "test");

        Assert.Null(session.TryBegin());
    }

    [Fact]
    public async Task TryAdd_OnceTheStoreIsDisposing_IsRefused()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { ExpireInBackground = false });
        await server.Host.Sessions.DisposeAsync();
        await using var transport = new StreamableHttpServerTransport(NullLoggerFactory.Instance) { SessionId = HttpSession.NewId() };

        var added = server.Host.Sessions.TryAdd(new HttpSession(transport.SessionId, null, transport, TimeProvider.System));

        Assert.False(added);
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task Initialize_BeyondMaxSessionsPerIdentity_503ForThatIdentityOnly()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens, MaxSessionsPerIdentity = 1, ExpireInBackground = false });
        await server.InitializeAsync(HttpTestServer.AliceToken);

        using var second = await server.PostAsync(HttpTestServer.Initialize, token: HttpTestServer.AliceToken);
        await server.InitializeAsync(HttpTestServer.BobToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Contains("MaxSessionsPerIdentity", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, server.Host.Sessions.Count);
    }
}
