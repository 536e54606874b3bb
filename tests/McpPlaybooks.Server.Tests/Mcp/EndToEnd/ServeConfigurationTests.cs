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
