using System.Net;
using System.Text.Json;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Mcp;
using McpPlaybooks.Server.Tests.Mcp;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>The HTTP transports end to end: Streamable HTTP and legacy SSE with the SDK's client, sessions, limits, health.</summary>
public sealed class HttpTransportTests
{
    private const string Hello = """
        id: hello
        name: Hello
        version: 1.0.0
        steps:
          - id: greet
            action: log
            with: { message: hello }
        """;

    private static readonly Dictionary<string, string> Playbooks = new() { ["hello.yaml"] = Hello };

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task Client_ListsToolsAndRunsAPlaybook_OverEachTransport(HttpTransportMode mode)
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks);
        var client = await server.ConnectAsync(mode);

        var tools = await client.ListToolsAsync();
        var started = await client.CallOkAsync("execute_playbook", new { playbook_id = "hello", wait_seconds = 30 });
        var state = await client.CallOkAsync("get_execution", new { execution_id = started.Str("execution_id") });

        Assert.Contains(tools, tool => tool.Name == "execute_playbook");
        Assert.Contains(tools, tool => tool.Name == "approve_step");
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("2025-11-25", client.NegotiatedProtocolVersion);
        Assert.Equal(1, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task Client_Unpinned_Negotiates20260728WithoutASessionAndRunsAPlaybook()
    {
        // A default 2.4.0 client offers 2026-07-28: served statelessly, one server per request, no Mcp-Session-Id.
        await using var server = await HttpTestServer.StartAsync(Playbooks);
        var client = await server.ConnectAsync(pinned: false);

        var tools = await client.ListToolsAsync();
        var started = await client.CallOkAsync("execute_playbook", new { playbook_id = "hello", wait_seconds = 30 });
        var state = await client.CallOkAsync("get_execution", new { execution_id = started.Str("execution_id") });

        Assert.Equal(McpServerComposition.LatestProtocolVersion, client.NegotiatedProtocolVersion);
        Assert.Null(client.SessionId);
        Assert.Contains(tools, tool => tool.Name == "execute_playbook");
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task Post_20260728Request_ServedWithoutASessionAndInitializeOpensNone()
    {
        await using var server = await HttpTestServer.StartAsync();

        using var discover = await server.PostAsync(Discover, change: request => Latest(request, "server/discover"));
        using var initialize = await server.PostAsync(HttpTestServer.Initialize.Replace("2025-11-25", "2026-07-28", StringComparison.Ordinal), change: request => Latest(request, "initialize"));

        var body = await discover.Content.ReadAsStringAsync();
        Assert.True(discover.StatusCode == HttpStatusCode.OK, body);
        Assert.False(discover.Headers.Contains(McpHeaderNames.SessionId));
        Assert.Contains("mcp-playbooks", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, initialize.StatusCode);
        Assert.False(initialize.Headers.Contains(McpHeaderNames.SessionId));
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task Delete_EndsTheSession_LaterRequestsGet404()
    {
        await using var server = await HttpTestServer.StartAsync();
        var id = await server.InitializeAsync();

        using var deleted = await DeleteAsync(server, id);
        await server.Host.Sessions.WhenEndedAsync(id);
        using var after = await server.PostAsync(HttpTestServer.Ping, id);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Contains("Session not found", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task Initialize_BeyondMaxSessions_Gets503AndAnEndedSessionFreesItsPlace()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { MaxSessions = 2 });
        var first = await server.InitializeAsync();
        await server.InitializeAsync();

        using var third = await server.PostAsync(HttpTestServer.Initialize);
        using var deleted = await DeleteAsync(server, first);
        await server.Host.Sessions.WhenEndedAsync(first);
        var fourth = await server.InitializeAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Contains("MaxSessions", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(first, fourth);
    }

    [Fact]
    public async Task Post_RuleBreakers_406And400()
    {
        await using var server = await HttpTestServer.StartAsync();

        using var jsonOnly = await server.PostAsync(HttpTestServer.Initialize, change: request =>
        {
            request.Headers.Accept.Clear();
            request.Headers.Accept.ParseAdd("application/json");
        });
        using var noSession = await server.PostAsync(HttpTestServer.Ping);
        using var notJson = await server.PostAsync("{not json");
        using var futureVersion = await server.PostAsync(HttpTestServer.Initialize, change: request => request.Headers.Add(McpHeaderNames.ProtocolVersion, "2099-01-01"));

        Assert.Equal(HttpStatusCode.NotAcceptable, jsonOnly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSession.StatusCode);
        Assert.Contains("A new session can only be created by an initialize request", await noSession.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, futureVersion.StatusCode);
        var refusal = await futureVersion.Content.ReadAsStringAsync();
        Assert.Contains("\"supported\":[", refusal, StringComparison.Ordinal);
        Assert.Contains("\"2025-11-25\"", refusal, StringComparison.Ordinal);
        Assert.Contains("\"2026-07-28\"", refusal, StringComparison.Ordinal);
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task EventStore_BoundedTo16MiB_DropsHalfItsEventsWhenFull()
    {
        await using var server = await HttpTestServer.StartAsync();

        var options = server.Host.Services.GetRequiredService<IOptions<MemoryDistributedCacheOptions>>().Value;

        Assert.Equal(16L * 1024 * 1024, options.SizeLimit);
        Assert.Equal(0.5, options.CompactionPercentage);
    }

    [Fact]
    public async Task Get_WithLastEventId_ReplaysThePostStreamAfterThatEvent()
    {
        await using var server = await HttpTestServer.StartAsync();
        var id = await server.InitializeAsync();
        using var ping = await server.PostAsync(HttpTestServer.Ping, id);
        var events = SseEvents.Parse(await ping.Content.ReadAsStringAsync());
        var priming = events.First(e => e.Data.Length == 0);

        using var resume = new HttpRequestMessage(HttpMethod.Get, HttpRoutes.Mcp);
        resume.Headers.Accept.ParseAdd("text/event-stream");
        resume.Headers.Add(McpHeaderNames.SessionId, id);
        resume.Headers.Add(McpHeaderNames.LastEventId, priming.Id);
        using var replayed = await server.Raw.SendAsync(resume);
        var again = SseEvents.Parse(await replayed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var answer = Assert.Single(again, e => e.Data.Length > 0);
        Assert.Equal(2, JsonDocument.Parse(answer.Data).RootElement.GetProperty("id").GetInt32());
        Assert.Equal(events.Single(e => e.Data.Length > 0).Id, answer.Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OAuthProtectedResourceMetadata_NoOAuthConfigured_404WithOrWithoutTokens(bool tokens)
    {
        // A 401 here would send a client such as mcp-remote into an OAuth flow that this server cannot finish.
        await using var server = await HttpTestServer.StartAsync(configure: http => tokens ? http with { Tokens = HttpTestServer.WithTokens } : http);

        using var metadata = await server.Raw.GetAsync("/.well-known/oauth-protected-resource");
        using var forMcp = await server.Raw.GetAsync("/.well-known/oauth-protected-resource/mcp");
        using var authorizationServer = await server.Raw.GetAsync("/.well-known/oauth-authorization-server");

        Assert.Equal(HttpStatusCode.NotFound, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forMcp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, authorizationServer.StatusCode);
        Assert.False(metadata.Headers.WwwAuthenticate.Any());
    }

    [Fact]
    public async Task Healthz_Ready_200WithTheDatabaseCheck()
    {
        await using var server = await HttpTestServer.StartAsync();

        using var response = await server.Raw.GetAsync(HttpRoutes.Health);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.Str("status"));
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("database").Str("status"));
        Assert.True(body.GetProperty("ready").GetBoolean());
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpTestServer server, string id)
    {
        using var delete = new HttpRequestMessage(HttpMethod.Delete, HttpRoutes.Mcp) { Headers = { { McpHeaderNames.SessionId, id } } };
        return await server.Raw.SendAsync(delete);
    }

    /// <summary>A 2026-07-28 <c>server/discover</c>, to send with <see cref="Latest"/>.</summary>
    internal const string Discover = """{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""";

    /// <summary>Marks <paramref name="request"/> as a 2026-07-28 one (served statelessly).</summary>
    internal static void Latest(HttpRequestMessage request, string method)
    {
        request.Headers.Add(McpHeaderNames.ProtocolVersion, McpServerComposition.LatestProtocolVersion);
        request.Headers.Add("Mcp-Method", method);
    }
}
