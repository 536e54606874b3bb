using McpPlaybooks.Server.Tests.Cli;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// The built server as a process over stdio (<see cref="StdioServerProcess"/>) on a temporary folder holding
/// <see cref="EndToEndPlaybooks.Files"/> and a fresh data directory. Disposing ends the process, then deletes the folder.
/// </summary>
internal sealed class EndToEndServer : IAsyncDisposable
{
    private readonly TempDirectory _root;

    private EndToEndServer(TempDirectory root, StdioServerProcess process)
    {
        _root = root;
        Process = process;
    }

    public StdioServerProcess Process { get; }

    public McpClient Client => Process.Client;

    public string PlaybookDirectory => Path.Combine(_root.Path, "playbooks");

    public string DataDirectory => Path.Combine(_root.Path, "data");

    /// <summary>The client's name when the options give none.</summary>
    public const string ClientName = "e2e-client";

    /// <param name="options">The client's options (name, capabilities, handlers); its protocol version is pinned.</param>
    public static async Task<EndToEndServer> StartAsync(McpClientOptions? options = null)
    {
        options ??= ToolCalls.NamedClient(ClientName);
        var root = new TempDirectory();
        try
        {
            foreach (var (name, yaml) in EndToEndPlaybooks.Files)
            {
                root.Write(Path.Combine("playbooks", name), yaml);
            }

            var process = await StdioServerProcess.StartAsync(Path.Combine(root.Path, "data"), [Path.Combine(root.Path, "playbooks")], options);
            return new EndToEndServer(root, process);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _root.Dispose();
    }
}
