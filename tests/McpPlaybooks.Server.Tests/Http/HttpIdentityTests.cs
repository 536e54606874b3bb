using System.Net;
using System.Net.Http.Headers;
using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>A session is used only by the identity that opened it, whatever the route; and the Host check's edge cases.</summary>
public sealed class HttpIdentityTests
{
    [Fact]
    public async Task StreamableSession_GetOrReplayWithAnotherIdentitysToken_403()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        var alices = await server.InitializeAsync(HttpTestServer.AliceToken);
        using var ping = await server.PostAsync(HttpTestServer.Ping, alices, HttpTestServer.AliceToken);
        var eventId = SseEvents.Parse(await ping.Content.ReadAsStringAsync())[0].Id;

        using var get = await server.Raw.SendAsync(HttpGetStreamTests.Get(alices, null, HttpTestServer.BobToken), HttpCompletionOption.ResponseHeadersRead);
        using var replay = await server.Raw.SendAsync(HttpGetStreamTests.Get(alices, eventId, HttpTestServer.BobToken), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
    }

    [Fact]
    public async Task LegacySession_MessageWithAnotherIdentitysToken_403()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { Tokens = HttpTestServer.WithTokens });
        using var stream = await OpenLegacyAsync(server, HttpTestServer.AliceToken);
        var endpoint = await LegacyEndpointAsync(stream);

        using var bob = await PostLegacyAsync(server, endpoint, HttpTestServer.Ping, HttpTestServer.BobToken);
        using var alice = await PostLegacyAsync(server, endpoint, HttpTestServer.Ping, HttpTestServer.AliceToken);

        Assert.Equal(HttpStatusCode.Forbidden, bob.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, alice.StatusCode);
    }

    [Fact]
    public async Task Request_TrailingDotHost_403()
    {
        await using var server = await HttpTestServer.StartAsync();

        using var dotted = await server.PostAsync(HttpTestServer.Initialize, change: request => request.Headers.Host = "localhost.");

        Assert.Equal(HttpStatusCode.Forbidden, dotted.StatusCode);
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    /// <summary>Opens a legacy SSE stream (GET /sse) with <paramref name="token"/> and, when given, an <c>MCP-Protocol-Version</c> header.</summary>
    internal static async Task<HttpResponseMessage> OpenLegacyAsync(HttpTestServer server, string? token = null, string? protocolVersion = null, string path = HttpRoutes.Sse)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (protocolVersion is not null)
        {
            request.Headers.Add(McpHeaderNames.ProtocolVersion, protocolVersion);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await server.Raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The URL the legacy stream's endpoint event names (<c>/message?sessionId=...</c>).</summary>
    internal static async Task<string> LegacyEndpointAsync(HttpResponseMessage stream)
    {
        var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return line[5..].Trim();
            }
        }

        throw new InvalidOperationException("the legacy stream ended without its endpoint event");
    }

    internal static async Task<HttpResponseMessage> PostLegacyAsync(HttpTestServer server, string endpoint, string json, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(json, MediaTypeHeaderValue.Parse("application/json")) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await server.Raw.SendAsync(request);
    }
}
