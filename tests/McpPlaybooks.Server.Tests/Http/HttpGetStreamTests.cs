using System.Net;
using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>The session's one standalone GET stream, opened directly or resumed with Last-Event-ID.</summary>
public sealed class HttpGetStreamTests
{
    [Fact]
    public async Task Get_ReplayOfTheGetStreamWhileItIsOpen_409()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { ExpireInBackground = false });
        var id = await server.InitializeAsync();
        using var open = await server.Raw.SendAsync(Get(id, lastEventId: null), HttpCompletionOption.ResponseHeadersRead);
        var eventId = await FirstEventIdAsync(open);

        using var replay = await server.Raw.SendAsync(Get(id, eventId), HttpCompletionOption.ResponseHeadersRead);
        open.Dispose();

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
    }

    internal static HttpRequestMessage Get(string sessionId, string? lastEventId, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, HttpRoutes.Mcp);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add(McpHeaderNames.SessionId, sessionId);
        if (lastEventId is not null)
        {
            request.Headers.Add(McpHeaderNames.LastEventId, lastEventId);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>The id of the first event of an open SSE stream (its priming event).</summary>
    internal static async Task<string> FirstEventIdAsync(HttpResponseMessage response)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                return line[3..].Trim();
            }
        }

        throw new InvalidOperationException("the stream ended without an event id");
    }
}
