using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Server.Hosting;
using Npgsql;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary><c>serve</c>'s history location: <c>History:Database</c> &lt; <c>MCPPLAYBOOKS_DATABASE</c> &lt; <c>--database</c>, never echoing a password.</summary>
public sealed class ServeDatabaseSettingTests : IDisposable
{
    private readonly ServeOptionsFolder _folder = new();

    private ServeOptions? Read(Dictionary<string, string> environment, List<string> problems, string? flag = null)
    {
        string? Lookup(string name) => environment.GetValueOrDefault(name);
        var flags = new Dictionary<string, IReadOnlyList<string>>();
        if (flag is not null)
        {
            flags[ServeSettings.Database.Key] = [flag];
        }

        var configuration = ServeConfiguration.Build(_folder.BaseDirectory, _folder.CurrentDirectory, Lookup, flags, problems);
        return ServeOptionsReader.Read(configuration, _folder.BaseDirectory, _folder.CurrentDirectory, Lookup, problems);
    }

    [Fact]
    public void Read_NoDatabase_IsTheDataDirectoryFile()
    {
        var problems = new List<string>();

        var engine = Read(new() { ["MCPPLAYBOOKS_DATA_DIR"] = "/srv/data" }, problems)!.Server.Engine;

        Assert.Empty(problems);
        Assert.Null(engine.Database);
        Assert.Equal((StoreKind.Sqlite, "/srv/data/history.db"), (engine.History.Kind, engine.History.Target));
    }

    [Fact]
    public void Read_ReconnectAndWaitSeconds_FromTheFileAndTheVariableTheLaterWinning()
    {
        _folder.Write("work/appsettings.json", """{ "History": { "ReconnectSeconds": 120, "WaitAtStartSeconds": 30 } }""");
        var problems = new List<string>();

        var fromFile = Read([], problems)!.Server.Engine;
        var fromVariable = Read(new() { ["MCPPLAYBOOKS_DATABASE_RECONNECT_SECONDS"] = "5", ["MCPPLAYBOOKS_DATABASE_WAIT_SECONDS"] = "0" }, problems)!.Server.Engine;

        Assert.Empty(problems);
        Assert.Equal((TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(30)), (fromFile.HistoryReconnectFor, fromFile.HistoryWaitAtStart));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.Zero), (fromVariable.HistoryReconnectFor, fromVariable.HistoryWaitAtStart));
    }

    [Fact]
    public void Read_NoReconnectOrWaitSetting_IsAMinuteAndNoWait()
    {
        var engine = Read([], [])!.Server.Engine;

        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.Zero), (engine.HistoryReconnectFor, engine.HistoryWaitAtStart));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("soon")]
    [InlineData("3601")]
    public void Read_BadReconnectSeconds_IsNamedWithItsRange(string given)
    {
        var problems = new List<string>();

        Read(new() { ["MCPPLAYBOOKS_DATABASE_RECONNECT_SECONDS"] = given }, problems);

        Assert.Contains(problems, p => p.Contains("MCPPLAYBOOKS_DATABASE_RECONNECT_SECONDS must be a number of seconds from 0 to 3600", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_EveryLayer_FlagWinsThenVariableThenFile()
    {
        _folder.Write("work/appsettings.json", """{ "History": { "Database": "from-file.db" } }""");
        var variable = new Dictionary<string, string> { ["MCPPLAYBOOKS_DATABASE"] = "postgres://ops@db.example/playbooks", ["PGPASSWORD"] = "pw-from-env" };

        var fromFlag = Read(variable, [], "Host=flag.example;Database=h")!.Server.Engine.History;
        var fromVariable = Read(variable, [])!.Server.Engine.History;
        var fromFile = Read([], [])!.Server.Engine.History;

        Assert.Equal((StoreKind.Postgres, "flag.example"), (fromFlag.Kind, new NpgsqlConnectionStringBuilder(fromFlag.Target).Host));
        Assert.Equal((StoreKind.Postgres, "pw-from-env"), (fromVariable.Kind, new NpgsqlConnectionStringBuilder(fromVariable.Target).Password));
        Assert.DoesNotContain("pw-from-env", fromVariable.Display, StringComparison.Ordinal);
        Assert.Equal((StoreKind.Sqlite, Path.Combine(_folder.CurrentDirectory, "from-file.db")), (fromFile.Kind, fromFile.Target));
    }

    [Fact]
    public void Read_BadConnectionString_OneProblemNamingTheFlagWithoutThePassword()
    {
        var problems = new List<string>();

        var options = Read([], problems, "postgres://ops:hunter2@db.example/h?password_file=/nowhere/pw&bogus_parameter=1");

        Assert.Null(options);
        var problem = Assert.Single(problems);
        Assert.StartsWith("--database: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
