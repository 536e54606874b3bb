using System.Net;
using System.Net.Http.Headers;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp;
using McpPlaybooks.Server.Tests.Cli;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>
/// The real HTTP server (<see cref="HttpMcpHost"/> on Kestrel, 127.0.0.1 and a free port) in process, on a real engine
/// and SQLite file in a temporary folder; clients are the SDK's <see cref="McpClient"/> over <see cref="HttpClientTransport"/>
/// or a raw <see cref="HttpClient"/>.
/// </summary>
internal sealed class HttpTestServer : IAsyncDisposable
{
    /// <summary>Tokens the servers started with <see cref="WithTokens"/> accept: alice operates, bob only views.</summary>
    public const string AliceToken = "alice-token-0123456789abcdef";

    public const string BobToken = "bob-token-0123456789abcdef";

    private readonly TempDirectory _root;
    private readonly List<McpClient> _clients = [];

    private HttpTestServer(TempDirectory root, HttpMcpHost host, PlaybookEngine engine, PlaybookCatalog catalog)
    {
        _root = root;
        Host = host;
        Engine = engine;
        Catalog = catalog;
        Raw = new HttpClient { BaseAddress = host.BaseAddress };
    }

    public HttpMcpHost Host { get; }

    public PlaybookEngine Engine { get; }

    public PlaybookCatalog Catalog { get; }

    /// <summary>A plain client on the server's root, for what <see cref="McpClient"/> cannot express.</summary>
    public HttpClient Raw { get; }

    public static AccessTokens WithTokens { get; } = new(
    [
        (Digest(AliceToken), new HttpCaller("alice", ["operator", "approver"])),
        (Digest(BobToken), new HttpCaller("bob", ["viewer"])),
    ]);

    /// <param name="playbooks">Playbook files (name → YAML) in the catalogue's folder.</param>
    /// <param name="configure">Changes to the default settings (tokens, limits); the address is always 127.0.0.1:0.</param>
    /// <param name="logs">Where the HTTP host logs (ASP.NET Core's lines included); none when null.</param>
    public static async Task<HttpTestServer> StartAsync(IReadOnlyDictionary<string, string>? playbooks = null, Func<HttpServerSettings, HttpServerSettings>? configure = null, ILoggerFactory? logs = null)
    {
        var root = new TempDirectory();
        foreach (var (name, text) in playbooks ?? new Dictionary<string, string>())
        {
            root.Write(Path.Combine("playbooks", name), text);
        }

        Directory.CreateDirectory(Path.Combine(root.Path, "playbooks"));
        var dataDirectory = Path.Combine(root.Path, "data");
        string[] folders = [Path.Combine(root.Path, "playbooks")];
        var settings = new ServerSettings
        {
            Engine = new EngineOptions { DataDirectory = dataDirectory, PlaybookDirectories = [.. folders, Path.Combine(dataDirectory, "playbooks")] },
            PlaybookDirectories = folders,
            PromptDirectory = Path.Combine(AppContext.BaseDirectory, "prompts"),
        };
        var engine = await PlaybookEngine.OpenAsync(settings.Engine, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        var catalog = new PlaybookCatalog(settings.PlaybookDirectories, settings.SaveDirectory, TimeProvider.System);
        var http = new HttpServerSettings { Listen = new HttpListenAddress(IPAddress.Loopback, 0) };
        var host = await HttpMcpHost.StartAsync(engine, catalog, settings, configure?.Invoke(http) ?? http, logs ?? NullLoggerFactory.Instance, CancellationToken.None);
        return new HttpTestServer(root, host, engine, catalog);
    }

    /// <summary>
    /// A connected client over Streamable HTTP at /mcp or legacy SSE at /sse, its protocol pinned to 2025-11-25 (sessions)
    /// unless <paramref name="pinned"/> is false (then the SDK's client negotiates 2026-07-28).
    /// </summary>
    public async Task<McpClient> ConnectAsync(HttpTransportMode mode = HttpTransportMode.StreamableHttp, string? token = null, McpClientOptions? options = null, bool pinned = true)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(Host.BaseAddress, mode == HttpTransportMode.Sse ? HttpRoutes.Sse : HttpRoutes.Mcp),
            TransportMode = mode,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        });
        options ??= new McpClientOptions();
        if (pinned)
        {
            options.ProtocolVersion = McpServerComposition.ProtocolVersion;
        }

        var client = await McpClient.CreateAsync(transport, options);
        _clients.Add(client);
        return client;
    }

    /// <summary>A raw POST to /mcp of a JSON-RPC text, with the Accept header Streamable HTTP requires.</summary>
    public Task<HttpResponseMessage> PostAsync(string json, string? sessionId = null, string? token = null, Action<HttpRequestMessage>? change = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, HttpRoutes.Mcp) { Content = new StringContent(json, MediaTypeHeaderValue.Parse("application/json")) };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (sessionId is not null)
        {
            request.Headers.Add(McpHeaderNames.SessionId, sessionId);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        change?.Invoke(request);
        return Raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>A raw initialize; returns the new session's id.</summary>
    public async Task<string> InitializeAsync(string? token = null)
    {
        using var response = await PostAsync(Initialize, token: token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = Assert.Single(response.Headers.GetValues(McpHeaderNames.SessionId));
        Assert.Contains("\"protocolVersion\":\"2025-11-25\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return id;
    }

    public const string Initialize = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
        """;

    public const string Ping = """{"jsonrpc":"2.0","id":2,"method":"ping"}""";

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        Raw.Dispose();
        await Host.DisposeAsync();
        await Engine.DisposeAsync();
        Catalog.Dispose();
        _root.Dispose();
    }

    private static byte[] Digest(string token) => Convert.FromHexString(AccessTokens.Digest(token));
}
