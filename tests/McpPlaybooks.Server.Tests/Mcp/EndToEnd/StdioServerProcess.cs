using McpPlaybooks.Server.Mcp;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// The built server as a real child process, <c>dotnet McpPlaybooks.Server.dll serve --data-dir D --playbooks P...</c>,
/// driven by the SDK's <see cref="McpClient"/> over its stdin and stdout (protocol pinned to 2025-11-25), with every
/// stderr line kept. Disposing closes stdin, which ends the server.
/// </summary>
internal sealed class StdioServerProcess : IAsyncDisposable
{
    /// <summary>How long waiting for the server (start-up, a stderr line) may take before the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly StandardErrorLines _errors;

    private StdioServerProcess(McpClient client, StandardErrorLines errors)
    {
        Client = client;
        _errors = errors;
    }

    public McpClient Client { get; }

    /// <summary>The stderr lines received so far: the server's log.</summary>
    public IReadOnlyList<string> ErrorLines => _errors.Lines;

    /// <param name="dataDirectory">The data directory (<c>--data-dir</c>).</param>
    /// <param name="playbookDirectories">The playbook folders (<c>--playbooks</c>, each); none: the bundled playbooks.</param>
    /// <param name="options">The client's options (capabilities, handlers); its protocol version is pinned here.</param>
    /// <param name="environment">Variables added to the server's environment.</param>
    /// <param name="pinned">Whether the client is pinned to 2025-11-25; unpinned, it negotiates 2026-07-28.</param>
    /// <param name="arguments">More arguments for <c>serve</c> (for example <c>--database</c>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<StdioServerProcess> StartAsync(
        string dataDirectory,
        IReadOnlyList<string> playbookDirectories,
        McpClientOptions? options = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool pinned = true,
        IReadOnlyList<string>? arguments = null,
        CancellationToken cancellationToken = default)
    {
        List<string> serve = [.. BuiltServer.Prefix, "serve", "--data-dir", dataDirectory, .. arguments ?? []];
        foreach (var directory in playbookDirectories)
        {
            serve.AddRange(["--playbooks", directory]);
        }

        var errors = new StandardErrorLines();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mcp-playbooks",
            Command = BuiltServer.FileName,
            Arguments = serve,
            WorkingDirectory = Path.GetDirectoryName(dataDirectory),
            EnvironmentVariables = environment?.ToDictionary(pair => pair.Key, pair => pair.Value),
            StandardErrorLines = errors.Add,
            ShutdownTimeout = TimeSpan.FromSeconds(20),
        });

        options ??= new McpClientOptions();
        if (pinned)
        {
            options.ProtocolVersion = McpServerComposition.ProtocolVersion;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var client = await McpClient.CreateAsync(transport, options, cancellationToken: timeout.Token);
        return new StdioServerProcess(client, errors);
    }

    /// <summary>The first stderr line that <paramref name="match"/> accepts, received already or to come (at most <see cref="Timeout"/>).</summary>
    public Task<string> ErrorLineAsync(Func<string, bool> match) => _errors.FirstAsync(match).WaitAsync(Timeout);

    /// <summary>Closes stdin, which ends the server, and waits for the process to exit.</summary>
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
