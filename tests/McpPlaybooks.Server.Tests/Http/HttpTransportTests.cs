using System.Net;
using System.Text.Json;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Tests.Mcp;
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
    public async Task Client_UnpinnedProtocol_FallsBackToInitializeAnd20251125()
    {
        // A default 2.3.1 client prefers 2026-07-28 (no sessions); it must still end up on 2025-11-25 here.
        await using var server = await HttpTestServer.StartAsync();
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Host.Endpoint }));

        var tools = await client.ListToolsAsync();

        Assert.Equal("2025-11-25", client.NegotiatedProtocolVersion);
        Assert.NotEmpty(tools);
    }

    [Fact]
    public async Task Delete_EndsTheSession_LaterRequestsGet404()
    {
        await using var server = await HttpTestServer.StartAsync();
        var id = await server.InitializeAsync();

        using var delete = new HttpRequestMessage(HttpMethod.Delete, HttpRoutes.Mcp) { Headers = { { McpHeaderNames.SessionId, id } } };
        using var deleted = await server.Raw.SendAsync(delete);
        using var after = await server.PostAsync(HttpTestServer.Ping, id);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Contains("session is not open", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    [Fact]
    public async Task Initialize_BeyondMaxSessions_Gets503AndAnEndedSessionFreesItsPlace()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { MaxSessions = 2 });
        var first = await server.InitializeAsync();
        await server.InitializeAsync();

        using var third = await server.PostAsync(HttpTestServer.Initialize);
        await server.Host.Sessions.EndAsync(first, "test");
        var fourth = await server.InitializeAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Contains("MaxSessions", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(first, fourth);
    }

    [Fact]
    public async Task ExpireIdle_ASessionIdleLongEnough_EndsAndIsForgotten()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { SessionIdleTimeout = TimeSpan.Zero, ExpireInBackground = false });
        var id = await server.InitializeAsync();

        var expired = await server.Host.Sessions.ExpireIdleAsync();
        using var after = await server.PostAsync(HttpTestServer.Ping, id);

        Assert.Equal(1, expired);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
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
        Assert.Contains("only an initialize request may open a session", await noSession.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, futureVersion.StatusCode);
        Assert.Contains("\"supported\":[\"2025-11-25\"", await futureVersion.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, server.Host.Sessions.Count);
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
}
