using System.Net;
using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>The session's one standalone GET stream.</summary>
public sealed class HttpGetStreamTests
{
    [Fact]
    public async Task Get_ASecondGetStreamWhileOneIsOpen_400()
    {
        await using var server = await HttpTestServer.StartAsync();
        var id = await server.InitializeAsync();
        using var open = await server.Raw.SendAsync(Get(id, lastEventId: null), HttpCompletionOption.ResponseHeadersRead);
        await FirstEventIdAsync(open);

        using var second = await server.Raw.SendAsync(Get(id, lastEventId: null), HttpCompletionOption.ResponseHeadersRead);
        open.Dispose();

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("multiple GET requests", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
