using System.Collections;
using System.IO.Pipelines;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Mcp;
using McpPlaybooks.Server.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Tests.Mcp;

/// <summary>
/// The real MCP server in process, on a real engine and SQLite file in a temporary folder, with a real
/// <see cref="McpClient"/> talking to it over in-memory pipes: for many fast protocol tests. End-to-end tests drive the
/// built executable over stdio instead.
/// </summary>
internal sealed class McpTestServer : IAsyncDisposable
{
    private readonly TempDirectory _root;
    private readonly IHost _host;

    private McpTestServer(TempDirectory root, IHost host, PlaybookEngine engine, PlaybookCatalog catalog, McpClient client)
    {
        _root = root;
        _host = host;
        Engine = engine;
        Catalog = catalog;
        Client = client;
    }

    public McpClient Client { get; }

    public PlaybookEngine Engine { get; }

    public PlaybookCatalog Catalog { get; }

    public string Root => _root.Path;

    public string DataDirectory => Path.Combine(_root.Path, "data");

    /// <summary>The test's playbook folder, first in the catalogue.</summary>
    public string PlaybookDirectory => Path.Combine(_root.Path, "playbooks");

    public static async Task<McpTestServer> StartAsync(McpTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new McpTestServerOptions();
        var root = new TempDirectory();
        foreach (var (name, text) in options.Playbooks)
        {
            root.Write(Path.Combine("playbooks", name), text);
        }

        Directory.CreateDirectory(Path.Combine(root.Path, "playbooks"));
        var folders = new List<string> { Path.Combine(root.Path, "playbooks") };
        if (options.IncludeBundled)
        {
            folders.Add(Path.Combine(AppContext.BaseDirectory, "playbooks"));
        }

        var dataDirectory = options.DataDirectory ?? Path.Combine(root.Path, "data");
        var settings = new ServerSettings
        {
            Engine = new EngineOptions
            {
                DataDirectory = dataDirectory,
                PlaybookDirectories = [.. folders, Path.Combine(dataDirectory, "playbooks")],
                AcceptAssistantApprovals = options.AcceptAssistantApprovals,
                PollInterval = options.EnginePollInterval ?? new EngineOptions { DataDirectory = dataDirectory }.PollInterval,
                ForwardWait = options.ForwardWait ?? new EngineOptions { DataDirectory = dataDirectory }.ForwardWait,
            },
            Approvals = new ApprovalSettings { ChatUser = options.ChatUser },
            PlaybookDirectories = folders,
            PromptDirectory = options.PromptDirectory ?? Path.Combine(AppContext.BaseDirectory, "prompts"),
            Roles = options.Roles,
        };
        var environment = new Hashtable();
        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        var engine = await PlaybookEngine.OpenAsync(settings.Engine, options.EngineTime ?? TimeProvider.System, NullLoggerFactory.Instance, environment, cancellationToken);
        var catalog = new PlaybookCatalog(settings.PlaybookDirectories, settings.SaveDirectory, TimeProvider.System);
        engine.FindChildrenIn(catalog); // as ServeHost does

        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.ClearProviders();
        var mcp = builder.Services.AddPlaybooksServer(engine, catalog, settings)
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream());
        if (options.Caller is { } caller)
        {
            // What the HTTP transport does for a request with a bearer token: the token's principal on each message.
            mcp.WithMessageFilters(filters => filters.AddIncomingFilter(next => (context, cancellationToken) =>
            {
                context.User = caller.ToPrincipal();
                return next(context, cancellationToken);
            }));
        }

        if (options.Wire is { } wire)
        {
            mcp.WithMessageFilters(filters => filters
                .AddIncomingFilter(next => (context, cancellationToken) =>
                {
                    wire.Enqueue(("in", context.JsonRpcMessage));
                    return next(context, cancellationToken);
                })
                .AddOutgoingFilter(next => (context, cancellationToken) =>
                {
                    wire.Enqueue(("out", context.JsonRpcMessage));
                    return next(context, cancellationToken);
                }));
        }

        var host = builder.Build();
        await host.StartAsync(cancellationToken);

        var clientOptions = options.Client ?? new McpClientOptions();
        clientOptions.ProtocolVersion = options.ProtocolVersion;
        var client = await McpClient.CreateAsync(
            new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
            clientOptions,
            cancellationToken: cancellationToken);
        return new McpTestServer(root, host, engine, catalog, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
        await Engine.DisposeAsync();
        Catalog.Dispose();
        _root.Dispose();
    }
}
