using System.Net;
using System.Net.Http.Headers;
using McpPlaybooks.Server.Hosting.Http;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>What protects the HTTP server: the Origin/Host check (DNS rebinding), bearer tokens, sessions bound to identities, the body cap.</summary>
public sealed class HttpSecurityTests
{
    [Fact]
    public async Task Request_ForeignHost_403NamingTheHeader()
    {
        await using var server = await HttpTestServer.StartAsync();

        using var foreign = await server.PostAsync(HttpTestServer.Initialize, change: request => request.Headers.Host = "evil.example.com");
        using var health = new HttpRequestMessage(HttpMethod.Get, HttpRoutes.Health) { Headers = { Host = "evil.example.com:80" } };
        using var foreignHealth = await server.Raw.SendAsync(health);
        using var local = await server.PostAsync(HttpTestServer.Initialize, change: request => request.Headers.Host = "localhost:1234");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("Host header evil.example.com is not allowed", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, foreignHealth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(1, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task Request_ForeignOrigin_403ButALocalPageIsServed()
    {
        await using var server = await HttpTestServer.StartAsync();

        using var foreign = await server.PostAsync(HttpTestServer.Initialize, change: request => request.Headers.Add("Origin", "http://evil.example.com"));
        using var literalNull = await server.PostAsync(HttpTestServer.Initialize, change: request => request.Headers.Add("Origin", "null"));
        using var local = await server.PostAsync(HttpTestServer.Initialize, change: request => request.Headers.Add("Origin", "http://localhost:6274"));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("Origin header http://evil.example.com is not allowed", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, literalNull.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task Request_MissingOrUnknownToken_401WithWwwAuthenticate()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });

        using var missing = await server.PostAsync(HttpTestServer.Initialize);
        using var wrong = await server.PostAsync(HttpTestServer.Initialize, token: "not-a-known-token-at-all");
        using var sse = new HttpRequestMessage(HttpMethod.Get, HttpRoutes.Sse);
        using var sseMissing = await server.Raw.SendAsync(sse);
        using var health = await server.Raw.GetAsync(HttpRoutes.Health);
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.ConnectAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer realm=\"mcp-playbooks\"", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("error=\"invalid_token\"", wrong.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, sseMissing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task Client_WithAKnownToken_IsServed(HttpTransportMode mode)
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });

        var client = await server.ConnectAsync(mode, HttpTestServer.BobToken);
        var tools = await client.ListToolsAsync();

        Assert.NotEmpty(tools);
    }

    [Fact]
    public async Task Session_UsedWithAnotherIdentitysToken_403()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        var alices = await server.InitializeAsync(HttpTestServer.AliceToken);

        using var bobPosts = await server.PostAsync(HttpTestServer.Ping, alices, HttpTestServer.BobToken);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, HttpRoutes.Mcp) { Headers = { { McpHeaderNames.SessionId, alices } } };
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HttpTestServer.BobToken);
        using var bobDeletes = await server.Raw.SendAsync(delete);
        using var alicePosts = await server.PostAsync(HttpTestServer.Ping, alices, HttpTestServer.AliceToken);

        Assert.Equal(HttpStatusCode.Forbidden, bobPosts.StatusCode);
        Assert.Contains("does not match the user who initiated the session", await bobPosts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, bobDeletes.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alicePosts.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverTheCap_413WithOrWithoutContentLength()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { MaxRequestBodyBytes = 4096 });
        var id = await server.InitializeAsync();
        var big = """{"jsonrpc":"2.0","id":3,"method":"ping","params":{"_meta":{"pad":"PAD"}}}""".Replace("PAD", new string('x', 8192), StringComparison.Ordinal);

        using var declared = await server.PostAsync(big, id);
        using var chunked = await server.PostAsync(big, id, change: request =>
        {
            request.Headers.TransferEncodingChunked = true;
        });
        using var stream = await HttpIdentityTests.OpenLegacyAsync(server);
        using var legacy = await HttpIdentityTests.PostLegacyAsync(server, await HttpIdentityTests.LegacyEndpointAsync(stream), big);
        using var small = await server.PostAsync(HttpTestServer.Ping, id);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Contains("at most 4096 bytes", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(declared.Headers.ConnectionClose, "a 413 leaves the body unread, so it must close the connection");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, legacy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Post_NotJsonContentType_415OnBothTransports()
    {
        await using var server = await HttpTestServer.StartAsync();
        var id = await server.InitializeAsync();

        using var plain = await server.PostAsync(HttpTestServer.Ping, id, change: request => request.Content = new StringContent(HttpTestServer.Ping));
        using var none = await server.PostAsync(HttpTestServer.Ping, id, change: request => request.Content!.Headers.ContentType = null);
        using var charset = await server.PostAsync(HttpTestServer.Ping, id, change: request => request.Content = new StringContent(HttpTestServer.Ping, MediaTypeHeaderValue.Parse("application/json; charset=utf-8")));
        using var legacy = await server.Raw.PostAsync($"{HttpRoutes.Message}?sessionId={id}", new StringContent(HttpTestServer.Ping));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Contains("application/json", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, charset.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, legacy.StatusCode);
    }
}
