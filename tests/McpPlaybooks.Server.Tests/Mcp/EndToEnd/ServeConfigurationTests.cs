using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Tests.Cli;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// The configuration of <c>serve</c>: appsettings.json beside the executable &lt; appsettings.json in the current
/// directory &lt; MCPPLAYBOOKS_* variables &lt; flags, lists taken whole from one layer.
/// </summary>
public sealed class ServeConfigurationTests : IDisposable
{
    private static readonly Dictionary<string, string> NoVariables = [];

    private readonly TempDirectory _root = new();

    private string BaseDirectory => Path.Combine(_root.Path, "app");

    private string CurrentDirectory => Path.Combine(_root.Path, "work");

    public ServeConfigurationTests()
    {
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "playbooks"));
        Directory.CreateDirectory(CurrentDirectory);
    }

    [Fact]
    public void Read_EveryLayerSetsDataDir_FlagWinsThenVariableThenCurrentThenBase()
    {
        _root.Write("app/appsettings.json", """{ "DataDir": "from-base", "LogLevel": "Debug", "ShutdownGraceSeconds": 9 }""");
        _root.Write("work/appsettings.json", """{ "DataDir": "from-current", "LogLevel": "Warning" }""");
        var environment = new Dictionary<string, string> { ["MCPPLAYBOOKS_DATA_DIR"] = "from-variable", ["MCPPLAYBOOKS_LOG_LEVEL"] = "error" };

        var all = Read(environment, ("DataDir", ["from-flag"]));
        var noFlag = Read(environment);
        var noVariable = Read(NoVariables);
        File.Delete(Path.Combine(CurrentDirectory, "appsettings.json"));
        var baseOnly = Read(NoVariables);

        Assert.Equal(Path.Combine(CurrentDirectory, "from-flag"), all.Server.Engine.DataDirectory);
        Assert.Equal(Path.Combine(CurrentDirectory, "from-variable"), noFlag.Server.Engine.DataDirectory);
        Assert.Equal(Path.Combine(CurrentDirectory, "from-current"), noVariable.Server.Engine.DataDirectory);
        Assert.Equal(Path.Combine(CurrentDirectory, "from-base"), baseOnly.Server.Engine.DataDirectory);
        Assert.Equal([LogLevel.Error, LogLevel.Warning, LogLevel.Debug], [noFlag.LogLevel, noVariable.LogLevel, baseOnly.LogLevel]);
        Assert.Equal(TimeSpan.FromSeconds(9), baseOnly.ShutdownGrace);
    }

    [Fact]
    public void Read_NothingConfigured_BundledPlaybooksDefaultsAndTheDataDirectoryPlaybooksLast()
    {
        var options = Read(new Dictionary<string, string> { ["XDG_DATA_HOME"] = Path.Combine(_root.Path, "xdg") });

        var dataDirectory = Path.Combine(_root.Path, "xdg", "mcp-playbooks");
        Assert.Equal(dataDirectory, options.Server.Engine.DataDirectory);
        Assert.Equal([Path.Combine(BaseDirectory, "playbooks")], options.Server.PlaybookDirectories);
        Assert.Equal([Path.Combine(BaseDirectory, "playbooks"), Path.Combine(dataDirectory, "playbooks")], options.Server.Engine.PlaybookDirectories);
        Assert.Equal(LogLevel.Information, options.LogLevel);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ShutdownGrace);
        Assert.True(options.Server.Engine.ResumeOnOpen);
        Assert.False(options.Server.Engine.AllowShellScripts);
    }

    [Fact]
    public void Read_PlaybooksInFileVariableAndFlags_TheTopLayerReplacesTheListWhole()
    {
        foreach (var folder in new[] { "a", "b", "c", "d", "e" })
        {
            Directory.CreateDirectory(Path.Combine(CurrentDirectory, folder));
        }

        _root.Write("work/appsettings.json", """{ "Playbooks": ["a", "b", "c"] }""");
        var environment = new Dictionary<string, string> { ["MCPPLAYBOOKS_PLAYBOOKS"] = $"d{Path.PathSeparator}e" };

        var fromFile = Read(NoVariables);
        var fromVariable = Read(environment);
        var fromFlag = Read(environment, ("Playbooks", ["e"]));

        Assert.Equal(["a", "b", "c"], fromFile.Server.PlaybookDirectories.Select(Path.GetFileName));
        Assert.Equal(["d", "e"], fromVariable.Server.PlaybookDirectories.Select(Path.GetFileName));
        Assert.Equal(["e"], fromFlag.Server.PlaybookDirectories.Select(Path.GetFileName));
        Assert.Equal(Path.Combine(CurrentDirectory, "e"), fromFlag.Server.Engine.PlaybookDirectories[0]);
    }

    [Fact]
    public void Read_EngineSettingsFromFileAndVariables_ReachTheEngineOptions()
    {
        _root.Write("app/appsettings.json", """
            { "AllowShellScripts": true, "ExecutableAllowlist": ["/bin/echo", "systemctl"], "HostAllowlist": "a.example, b.example", "SecretsFile": "s.env" }
            """);
        var environment = new Dictionary<string, string>
        {
            ["MCPPLAYBOOKS_HOST_ALLOWLIST"] = "c.example",
            ["MCPPLAYBOOKS_TEST_LEASE_MS"] = "250",
        };

        var options = Read(environment);

        Assert.True(options.Server.Engine.AllowShellScripts);
        Assert.Equal(["/bin/echo", "systemctl"], options.Server.Engine.ExecutableAllowlist);
        Assert.Equal(["c.example"], options.Server.Engine.HostAllowlist);
        Assert.Equal("s.env", options.Server.Engine.SecretsFile);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Server.Engine.LeaseDuration);
    }

    [Fact]
    public void Read_BadValues_OneProblemEachNamingItsSource()
    {
        var settings = _root.Write("work/appsettings.json", """{ "AllowShellScripts": "sometimes" }""");
        var problems = new List<string>();

        var options = Read(new Dictionary<string, string> { ["MCPPLAYBOOKS_LOG_LEVEL"] = "chatty", ["MCPPLAYBOOKS_SHUTDOWN_GRACE_SECONDS"] = "-1" }, problems, ("Playbooks", ["nowhere"]));

        Assert.Null(options);
        Assert.Equal(
            [
                $"--playbooks: the playbook folder {Path.Combine(CurrentDirectory, "nowhere")} does not exist",
                $"AllowShellScripts in {settings} must be true or false, got 'sometimes'",
                "MCPPLAYBOOKS_LOG_LEVEL must be one of Trace, Debug, Information, Warning, Error, Critical, None, got 'chatty'",
                "MCPPLAYBOOKS_SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 0 to 3600, got '-1'",
            ],
            problems);
    }

    [Fact]
    public void Read_HttpSettingsInEveryLayer_FlagsWinAndListsAreTakenWhole()
    {
        _root.Write("work/appsettings.json", """
            { "Http": "127.0.0.1:7000", "AllowedHosts": ["mcp.example.com"], "MaxSessions": 7, "SessionIdleMinutes": 3, "MaxRequestBodyBytes": 65536, "RequestTimeoutSeconds": 90, "MaxConnections": 500, "DashboardMaxSessionsPerIdentity": 5 }
            """);
        var environment = new Dictionary<string, string> { ["MCPPLAYBOOKS_HTTP"] = "127.0.0.1:7001", ["MCPPLAYBOOKS_ALLOWED_ORIGINS"] = "https://a.example, https://b.example" };

        var fromFlag = Read(environment, ("Http", ["[::1]:7002"])).Http!;
        var fromVariable = Read(environment).Http!;
        var fromFile = Read(NoVariables).Http!;
        File.Delete(Path.Combine(CurrentDirectory, "appsettings.json"));
        var none = Read(NoVariables);

        Assert.Equal("[::1]:7002", fromFlag.Listen.Authority(fromFlag.Listen.Port));
        Assert.Equal("127.0.0.1:7001", fromVariable.Listen.Authority(fromVariable.Listen.Port));
        Assert.Equal(["mcp.example.com"], fromVariable.AllowedHosts);
        Assert.Equal(["https://a.example", "https://b.example"], fromVariable.AllowedOrigins);
        Assert.Equal((7, TimeSpan.FromMinutes(3), 65536L, TimeSpan.FromSeconds(90)), (fromVariable.MaxSessions, fromVariable.SessionIdleTimeout, fromVariable.MaxRequestBodyBytes, fromVariable.RequestTimeout));
        Assert.Equal((500L, 5), (fromVariable.MaxConnections, fromVariable.Dashboard.PerIdentity));
        Assert.False(fromVariable.Tokens.Enabled);
        Assert.Equal(7000, fromFile.Listen.Port);
        Assert.Null(none.Http);
    }

    [Fact]
    public void Read_HttpDefaults_LocalNamesAndTheDocumentedLimits()
    {
        var http = Read(NoVariables, ("Http", ["localhost:0"])).Http!;

        Assert.True(http.Listen.IsLoopback);
        Assert.Equal(0, http.Listen.Port);
        Assert.Equal(["localhost", "127.0.0.1", "[::1]"], http.AllowedHosts);
        Assert.Contains("https://[::1]", http.AllowedOrigins);
        Assert.Equal((100, TimeSpan.FromMinutes(30), 1024L * 1024, TimeSpan.FromMinutes(20)), (http.MaxSessions, http.SessionIdleTimeout, http.MaxRequestBodyBytes, http.RequestTimeout));
        Assert.Equal((1000L, 20, 10_000, 8), (http.MaxConnections, http.Dashboard.PerIdentity, http.Dashboard.Total, http.Dashboard.StreamsPerSession));
    }

    [Fact]
    public void Read_RemoteAddress_NeedsTokensOrTheRiskAccepted()
    {
        var tokens = _root.Write("work/tokens.json", $$"""{"tokens":[{"identity":"alice","roles":["operator"],"sha256":"{{Hosting.Http.Auth.AccessTokens.Digest("a-long-enough-token-0123")}}"}]}""");
        var problems = new List<string>();

        var refused = Read(NoVariables, problems, ("Http", ["0.0.0.0:8080"]));
        var withTokens = Read(new Dictionary<string, string> { ["MCPPLAYBOOKS_TOKENS_FILE"] = tokens }, ("Http", ["0.0.0.0:8080"])).Http!;
        var accepted = Read(NoVariables, ("Http", ["0.0.0.0:8080"]), ("AllowRemoteWithoutTokens", ["true"])).Http!;

        Assert.Null(refused);
        Assert.StartsWith("--http: 0.0.0.0 is reachable from other machines", Assert.Single(problems), StringComparison.Ordinal);
        Assert.True(withTokens.Tokens.Enabled);
        Assert.Equal("alice", withTokens.Tokens.Find("a-long-enough-token-0123")!.Identity);
        Assert.False(accepted.Tokens.Enabled);
    }

    [Fact]
    public void Read_BadHttpValues_OneProblemEachNamingItsSource()
    {
        var problems = new List<string>();

        var options = Read(
            new Dictionary<string, string> { ["MCPPLAYBOOKS_MAX_SESSIONS"] = "0", ["MCPPLAYBOOKS_ALLOW_REMOTE_WITHOUT_TOKENS"] = "maybe" },
            problems,
            ("Http", ["web:80"]),
            ("TokensFile", ["absent.json"]));

        Assert.Null(options);
        Assert.Equal(4, problems.Count);
        Assert.StartsWith("--http must name an IP address", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("--tokens: ", problems[1], StringComparison.Ordinal);
        Assert.Equal("MCPPLAYBOOKS_ALLOW_REMOTE_WITHOUT_TOKENS must be true or false, got 'maybe'", problems[2]);
        Assert.Equal("MCPPLAYBOOKS_MAX_SESSIONS must be a whole number of sessions from 1 to 100000, got '0'", problems[3]);
    }

    private ServeOptions Read(IReadOnlyDictionary<string, string> environment, params (string Key, string[] Values)[] flags)
    {
        var problems = new List<string>();
        var options = Read(environment, problems, flags);
        Assert.Empty(problems);
        return options!;
    }

    private ServeOptions? Read(IReadOnlyDictionary<string, string> environment, List<string> problems, params (string Key, string[] Values)[] flags)
    {
        string? Lookup(string name) => environment.GetValueOrDefault(name);
        var given = flags.ToDictionary(flag => flag.Key, flag => (IReadOnlyList<string>)flag.Values);
        var configuration = ServeConfiguration.Build(BaseDirectory, CurrentDirectory, Lookup, given, problems);
        return ServeOptionsReader.Read(configuration, BaseDirectory, CurrentDirectory, Lookup, problems);
    }

    public void Dispose() => _root.Dispose();
}
