using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Mcp.EndToEnd;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Schemas;

/// <summary>
/// A result's text, as the built server sends it over stdio: the summary and links, and the structured result in
/// <c>structuredContent</c>; the JSON goes into a text block only for a client whose protocol predates structured content,
/// so that every client gets the data once.
/// </summary>
public sealed class ResultTextEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task ToolsCall_CurrentProtocol_SummaryAndStructuredContentWithoutTheJsonAsText()
    {
        var (version, result) = await CallAsync("2025-11-25");

        Assert.Equal("2025-11-25", version);
        var texts = Texts(result);
        Assert.StartsWith("1 playbook", Assert.Single(texts), StringComparison.Ordinal);
        Assert.Equal("say-hello", result.GetProperty("structuredContent").GetProperty("playbooks")[0].GetProperty("playbook_id").GetString());
    }

    [Fact]
    public async Task ToolsCall_ProtocolBeforeStructuredContent_GetsTheJsonOnceAsText()
    {
        var (version, result) = await CallAsync("2025-03-26");

        Assert.Equal("2025-03-26", version);
        var texts = Texts(result);
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("1 playbook", texts[0], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(texts[1]);
        Assert.Equal("say-hello", json.RootElement.GetProperty("playbooks")[0].GetProperty("playbook_id").GetString());
    }

    public void Dispose() => _root.Dispose();

    /// <summary>Initializes with <paramref name="protocolVersion"/>, calls list_playbooks; returns the version agreed and the result.</summary>
    private async Task<(string Version, JsonElement Result)> CallAsync(string protocolVersion)
    {
        _root.Write("playbooks/say-hello.yaml", TestPlaybooks.Valid);
        using var timeout = new CancellationTokenSource(StdioServerProcess.Timeout);
        using var server = RawStdioServer.Start(["serve", "--data-dir", Path.Combine(_root.Path, "data"), "--playbooks", Path.Combine(_root.Path, "playbooks")], _root.Path);

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"VERSION","capabilities":{},"clientInfo":{"name":"raw","version":"1.0"}}}""".Replace("VERSION", protocolVersion, StringComparison.Ordinal));
        await server.ReadUntilAnswerAsync(1, timeout.Token);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_playbooks","arguments":{}}}""");
        await server.ReadUntilAnswerAsync(2, timeout.Token);
        await server.CloseAsync(timeout.Token);

        var answers = server.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).Where(m => m.TryGetProperty("id", out _)).ToList();
        var version = answers.Single(m => m.GetProperty("id").GetInt32() == 1).GetProperty("result").GetProperty("protocolVersion").GetString()!;
        return (version, answers.Single(m => m.GetProperty("id").GetInt32() == 2).GetProperty("result"));
    }

    private static List<string> Texts(JsonElement result) =>
        [.. result.GetProperty("content").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString()!)];
}
