using System.CommandLine;
using McpPlaybooks.Server.Cli.Run;
using McpPlaybooks.Server.Hosting;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>serve [--data-dir DIR] [--database PATH|CONNECTION] [--playbooks DIR]... [--log-level LEVEL] [--ui ADDRESS:PORT|off] [--http ADDRESS:PORT [--tokens FILE]
/// [--allow-remote-without-tokens]]</c>: the MCP server over stdio, or over HTTP. Settings come from
/// <c>appsettings.json</c>, <c>MCPPLAYBOOKS_*</c> variables and flags, the later winning; a wrong one is a line on
/// stderr each and exit 2, with stdout untouched.
/// </summary>
internal sealed class ServeCommand : Command
{
    private readonly CliContext _context;

    private readonly Option<string> _dataDirectory = DataDirectoryOption.Create();

    private readonly Option<string> _database = DatabaseOption.Create();

    private readonly Option<string[]> _playbooks = new("--playbooks")
    {
        Description = "A folder of playbooks to serve, instead of the bundled ones. Repeatable; the data directory's playbooks/ (saved playbooks) is always read last.",
        HelpName = "DIR",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string> _logLevel = new("--log-level")
    {
        Description = "The lowest level logged to stderr and to <data-dir>/logs: Trace, Debug, Information (default), Warning, Error, Critical or None.",
        HelpName = "LEVEL",
    };

    private readonly Option<string> _http = new("--http")
    {
        Description = "Serve MCP over HTTP at ADDRESS:PORT instead of stdio: Streamable HTTP at /mcp, legacy SSE at /sse, health at /healthz. "
            + "127.0.0.1:8080 for this machine only; port 0 for any free port (the URL is printed on stderr).",
        HelpName = "ADDRESS:PORT",
    };

    private readonly Option<string> _ui = new("--ui")
    {
        Description = "Over stdio: where the dashboard listens, a loopback ADDRESS:PORT (default 127.0.0.1:0, any free port; its URL, with "
            + "this run's access token, is in the start-up log), or 'off'. With --http the dashboard is at /ui/ on the HTTP listener.",
        HelpName = "ADDRESS:PORT|off",
    };

    private readonly Option<string> _tokens = new("--tokens")
    {
        Description = "With --http: a tokens file (identities, roles, token digests); every MCP request then needs 'Authorization: Bearer TOKEN'.",
        HelpName = "FILE",
    };

    private readonly Option<bool> _allowRemote = new("--allow-remote-without-tokens")
    {
        Description = "With --http: listen beyond loopback without tokens. Anyone who can reach the port could run playbooks.",
    };

    public ServeCommand(CliContext context)
        : base("serve", "Run the MCP server over stdio for an MCP client (Claude Desktop, VS Code, the MCP Inspector). Serves the bundled "
            + "playbooks unless --playbooks says otherwise, resumes the data directory's unfinished executions, and logs to stderr and "
            + "<data-dir>/logs. Settings come from appsettings.json (beside the executable, then in the current directory), "
            + "MCPPLAYBOOKS_* environment variables, then flags. Ends when the client closes stdin. With --http, serves MCP over HTTP "
            + "instead (loopback unless tokens are configured) until Ctrl+C or SIGTERM.")
    {
        _context = context;
        Add(_dataDirectory);
        Add(_database);
        Add(_playbooks);
        Add(_logLevel);
        Add(_http);
        Add(_ui);
        Add(_tokens);
        Add(_allowRemote);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var flags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        Given(flags, ServeSettings.DataDir, parseResult.GetValue(_dataDirectory));
        Given(flags, ServeSettings.Database, parseResult.GetValue(_database));
        Given(flags, ServeSettings.LogLevel, parseResult.GetValue(_logLevel));
        Given(flags, ServeSettings.Http, parseResult.GetValue(_http));
        Given(flags, ServeSettings.Ui, parseResult.GetValue(_ui));
        Given(flags, ServeSettings.TokensFile, parseResult.GetValue(_tokens));
        Given(flags, ServeSettings.AllowRemoteWithoutTokens, parseResult.GetValue(_allowRemote) ? "true" : null);
        if (parseResult.GetValue(_playbooks) is { Length: > 0 } playbooks)
        {
            flags[ServeSettings.Playbooks.Key] = playbooks;
        }

        var problems = new List<string>();
        var configuration = ServeConfiguration.Build(AppContext.BaseDirectory, _context.CurrentDirectory, _context.Environment, flags, problems);
        var options = ServeOptionsReader.Read(configuration, AppContext.BaseDirectory, _context.CurrentDirectory, _context.Environment, problems);
        if (options is null || problems.Count > 0)
        {
            problems.ForEach(problem => _context.Error.WriteLine($"error: {problem}"));
            return ExitCodes.Usage;
        }

        return await ServeHost.RunAsync(options, _context.Error, cancellationToken);
    }

    private static void Given(Dictionary<string, IReadOnlyList<string>> flags, ServeSetting setting, string? value)
    {
        if (value is not null)
        {
            flags[setting.Key] = [value];
        }
    }
}
