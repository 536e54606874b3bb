using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Mcp;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp.EndToEnd;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Leasing;

/// <summary>
/// One <c>serve --http</c> process of a cluster sharing one database (the built server, as <see cref="HttpServeEndToEndTests"/>
/// starts it), with an MCP client over Streamable HTTP, its stderr lines, and the signals the leasing tests send it.
/// </summary>
internal sealed class ServeNode : IAsyncDisposable
{
    private ServeNode(Process process, StandardErrorLines errors, Uri endpoint, McpClient client)
    {
        Process = process;
        Errors = errors;
        Endpoint = endpoint;
        Client = client;
    }

    public Process Process { get; }

    public StandardErrorLines Errors { get; }

    public Uri Endpoint { get; }

    public McpClient Client { get; }

    public int Pid => Process.Id;

    /// <summary>Starts a server on <paramref name="database"/> with leases of <paramref name="leaseMs"/> ms; returns once its client is connected.</summary>
    public static async Task<ServeNode> StartAsync(ClusterDatabase database, string playbooks, int leaseMs)
    {
        var errors = new StandardErrorLines();
        var process = HttpServeEndToEndTests.Start(
            ["serve", "--http", "127.0.0.1:0", .. database.Arguments, "--playbooks", playbooks],
            errors,
            new Dictionary<string, string> { ["MCPPLAYBOOKS_TEST_LEASE_MS"] = leaseMs.ToString(CultureInfo.InvariantCulture) });
        try
        {
            var line = await errors.FirstAsync(l => l.StartsWith(HttpServe.ListeningPrefix, StringComparison.Ordinal)).WaitAsync(StdioServerProcess.Timeout);
            var endpoint = new Uri(line[HttpServe.ListeningPrefix.Length..]);
            var client = await McpClient.CreateAsync(
                new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp }),
                new McpClientOptions { ProtocolVersion = McpServerComposition.ProtocolVersion });
            return new ServeNode(process, errors, endpoint, client);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new TimeoutException($"serve did not listen within {StdioServerProcess.Timeout.TotalSeconds:0} s; its stderr:\n{string.Join('\n', errors.Lines.TakeLast(30))}");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Calls a tool; its structured result (throws when the tool answered an error).</summary>
    public async Task<JsonObject> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await Client.CallToolAsync(tool, arguments);
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"{tool} failed on {Pid}: {text}");
        }

        return JsonNode.Parse(((JsonElement)result.StructuredContent!).GetRawText())!.AsObject();
    }

    /// <summary>Sends a signal to the server's process (STOP, CONT, KILL).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            // A stopped process ignores everything but SIGKILL and SIGCONT: continue it first, so that it can die cleanly.
            using (var cont = System.Diagnostics.Process.Start("kill", ["-CONT", Pid.ToString(CultureInfo.InvariantCulture)]))
            {
                await cont.WaitForExitAsync();
            }

            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        try
        {
            await Client.DisposeAsync();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or ModelContextProtocol.McpException)
        {
            // the server is gone: nothing to close
        }

        Process.Dispose();
    }
}
