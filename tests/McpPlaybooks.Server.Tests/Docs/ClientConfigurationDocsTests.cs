using System.Text.Json;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Server.Tests.Docs;

/// <summary>
/// Every client configuration the repository shows can be pasted as is: <c>mcp.json.example</c> and each JSON block of
/// <c>docs/clients.md</c> and the README parse, and each names a server a client can start or reach.
/// </summary>
public sealed partial class ClientConfigurationDocsTests
{
    [Fact]
    public void McpJsonExample_IsAnMcpServersFileWithSafeDefaults()
    {
        using var document = JsonDocument.Parse(RepositoryFiles.Read("mcp.json.example"));
        var root = document.RootElement;

        Assert.Equal(["mcpServers"], root.EnumerateObject().Select(p => p.Name));
        var server = Assert.Single(root.GetProperty("mcpServers").EnumerateObject());
        Assert.Equal("mcp-playbooks", server.Name);
        AssertStdioServer(server.Value);
        Assert.False(server.Value.TryGetProperty("env", out _), "the example sets no environment: every default is safe");
        var text = server.Value.GetRawText();
        Assert.DoesNotContain("example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/path/to", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/home/", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docs/clients.md", 11)]
    [InlineData("README.md", 2)]
    public void JsonBlocks_EachParseAndConfigureAServer(string page, int expectedBlocks)
    {
        var blocks = JsonBlocks(RepositoryFiles.Read(page));

        Assert.Equal(expectedBlocks, blocks.Count);
        foreach (var block in blocks)
        {
            using var document = JsonDocument.Parse(block);
            var root = document.RootElement;
            var servers = root.TryGetProperty("mcpServers", out var claudeForm) ? claudeForm : root.GetProperty("servers");
            foreach (var server in servers.EnumerateObject())
            {
                Assert.StartsWith("mcp-playbooks", server.Name, StringComparison.Ordinal);
                if (server.Value.TryGetProperty("url", out var url))
                {
                    Assert.True(Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri), block);
                    Assert.Equal("/mcp", uri.AbsolutePath);
                }
                else
                {
                    AssertStdioServer(server.Value);
                }

                AssertInputsDeclared(root, server.Value);
            }
        }
    }

    [Fact]
    public void McpJsonExample_IsTheFirstBlockOfClientsPage()
    {
        var first = JsonBlocks(RepositoryFiles.Read("docs/clients.md"))[0];

        using var block = JsonDocument.Parse(first);
        using var example = JsonDocument.Parse(RepositoryFiles.Read("mcp.json.example"));
        Assert.True(JsonElement.DeepEquals(example.RootElement, block.RootElement));
    }

    private static void AssertStdioServer(JsonElement server)
    {
        Assert.False(string.IsNullOrWhiteSpace(server.GetProperty("command").GetString()));
        var args = server.GetProperty("args").EnumerateArray().Select(a => a.GetString() ?? "").ToList();
        if (args.Contains("mcp-remote"))
        {
            // The bridge for clients that only start processes: it reaches the server's URL.
            Assert.Contains(args, a => a.EndsWith("/mcp", StringComparison.Ordinal));
            return;
        }

        Assert.Contains(args, a => a.Contains("serve", StringComparison.Ordinal));
    }

    /// <summary>A VS Code <c>${input:ID}</c> must name an entry of the file's <c>inputs</c>.</summary>
    private static void AssertInputsDeclared(JsonElement root, JsonElement server)
    {
        foreach (Match match in InputReference().Matches(server.GetRawText()))
        {
            var inputs = root.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("id").GetString());
            Assert.Contains(match.Groups[1].Value, inputs);
        }
    }

    private static List<string> JsonBlocks(string markdown) =>
        [.. JsonBlock().Matches(markdown).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^```json\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"\$\{input:([^}]+)\}")]
    private static partial Regex InputReference();
}
