using System.Diagnostics;
using System.Text;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Mcp;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using McpPlaybooks.Server.Tests.Mcp.EndToEnd;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary><c>serve --http</c> as a real process: the bound URL on stderr, the SDK's client over Streamable HTTP, and the refusals.</summary>
public sealed class HttpServeEndToEndTests
{
    [Fact]
    public async Task Serve_HttpOnAnyFreePort_PrintsTheUrlAndServesTheClient()
    {
        using var root = new TempDirectory();
        var errors = new StandardErrorLines();
        using var process = Start(["serve", "--http", "127.0.0.1:0", "--data-dir", Path.Combine(root.Path, "data")], errors);
        Uri endpoint;
        IList<McpClientTool> tools;
        try
        {
            endpoint = await ListeningAsync(errors);
            await using var client = await McpClient.CreateAsync(
                new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp }),
                new McpClientOptions { ProtocolVersion = McpServerComposition.ProtocolVersion });
            tools = await client.ListToolsAsync();
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Equal("127.0.0.1", endpoint.Host);
        Assert.NotEqual(0, endpoint.Port);
        Assert.Equal("/mcp", endpoint.AbsolutePath);
        Assert.Contains(tools, tool => tool.Name == "get_execution");
        Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
    }

    [Fact]
    public async Task Serve_HttpBeyondLoopbackWithoutTokens_RefusesWithExit2()
    {
        using var root = new TempDirectory();

        var result = await InProcessCli.RunAsync("serve", "--http", "0.0.0.0:0", "--data-dir", Path.Combine(root.Path, "data"));
        var accepted = await InProcessCli.RunAsync("serve", "--http", "0.0.0.0:0", "--tokens", Path.Combine(root.Path, "missing.json"), "--data-dir", Path.Combine(root.Path, "data"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: --http: 0.0.0.0 is reachable from other machines", line, StringComparison.Ordinal);
        Assert.Contains("--allow-remote-without-tokens", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(2, accepted.ExitCode);
        Assert.Contains("--tokens", Assert.Single(accepted.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>The MCP endpoint a started <c>serve --http</c> prints once it listens (<c>http://127.0.0.1:PORT/mcp</c>).</summary>
    internal static async Task<Uri> ListeningAsync(StandardErrorLines errors)
    {
        var line = await errors.FirstAsync(l => l.StartsWith(HttpServe.ListeningPrefix, StringComparison.Ordinal)).WaitAsync(StdioServerProcess.Timeout);
        return new Uri(line[HttpServe.ListeningPrefix.Length..]);
    }

    internal static Process Start(IEnumerable<string> args, StandardErrorLines errors, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(BuiltServer.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        BuiltServer.AddPrefix(startInfo.ArgumentList);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the server");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Add(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return process;
    }
}
