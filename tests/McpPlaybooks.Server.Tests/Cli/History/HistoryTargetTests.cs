using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Server.Cli;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.History;

/// <summary>Where a command finds the history: <c>--database</c> &gt; <c>MCPPLAYBOOKS_DATABASE</c> &gt; <c>History:Database</c> &gt; the data directory's file, as for <c>serve</c>.</summary>
public sealed class HistoryTargetTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private HistoryTarget? Resolve(string? dataDirectory, string? database, Dictionary<string, string> environment, List<string> problems)
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null)
        {
            CurrentDirectory = _directory.Path,
            Environment = name => environment.GetValueOrDefault(name),
        };
        return HistoryTarget.Resolve(dataDirectory, database, context, problems);
    }

    [Fact]
    public void Resolve_EveryLayer_FlagWinsThenVariableThenFileThenTheDataDirectory()
    {
        _directory.Write("appsettings.json", """{ "History": { "Database": "from-file.db" } }""");
        var variable = new Dictionary<string, string> { ["MCPPLAYBOOKS_DATABASE"] = "from-variable.db" };
        var problems = new List<string>();

        var fromFlag = Resolve("data", "from-flag.db", variable, problems)!;
        var fromVariable = Resolve("data", null, variable, problems)!;
        var fromFile = Resolve("data", null, [], problems)!;
        File.Delete(Path.Combine(_directory.Path, "appsettings.json"));
        var fromDataDirectory = Resolve("data", null, [], problems)!;

        Assert.Empty(problems);
        Assert.Equal(Path.Combine(_directory.Path, "from-flag.db"), fromFlag.Location.Target);
        Assert.Equal(" --database from-flag.db", fromFlag.Again);
        Assert.Equal((Path.Combine(_directory.Path, "from-variable.db"), true, ""), (fromVariable.Location.Target, fromVariable.OwnDatabase, fromVariable.Again));
        Assert.Equal(Path.Combine(_directory.Path, "from-file.db"), fromFile.Location.Target);
        Assert.Equal((Path.Combine(_directory.Path, "data", "history.db"), false), (fromDataDirectory.Location.Target, fromDataDirectory.OwnDatabase));
        Assert.Equal(" --data-dir " + Path.Combine(_directory.Path, "data"), fromDataDirectory.Again);
        Assert.Equal(Path.Combine(_directory.Path, "data"), fromDataDirectory.Name);
    }

    [Fact]
    public void Resolve_PostgresWithPasswordInTheString_NameAndAgainNeverHoldIt()
    {
        var target = Resolve(null, "postgres://ops:hunter2-secret@db.example:5433/playbooks", [], [])!;

        Assert.Equal(StoreKind.Postgres, target.Location.Kind);
        Assert.DoesNotContain("hunter2-secret", target.Name, StringComparison.Ordinal);
        Assert.Equal(" --database 'postgres://ops:***@db.example:5433/playbooks'", target.Again);
        Assert.StartsWith($"no McpPlaybooks history in {target.Location.Display}: ", target.Missing(), StringComparison.Ordinal);
        Assert.Contains("Host=db.example", target.Missing(), StringComparison.Ordinal);
        Assert.Contains("Port=5433", target.Missing(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", target.Missing(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_KeywordForm_IsQuotedForTheShell()
    {
        var target = Resolve(null, "Host=db.example;Database=h;Username=ops;Search Path=it's", [], [])!;

        Assert.Equal(" --database 'Host=db.example;Database=h;Username=ops;Search Path=it'\\''s'", target.Again);
    }

    [Theory]
    [InlineData("--database: ", "postgres://ops:hunter2@db.example/h?bogus_parameter=1", null)]
    [InlineData("MCPPLAYBOOKS_DATABASE: ", null, "postgres://ops:hunter2@db.example/h?bogus_parameter=1")]
    public void Resolve_BadConnectionString_OneProblemNamingWhereItCameFromWithoutThePassword(string prefix, string? flag, string? variable)
    {
        var problems = new List<string>();
        var environment = variable is null ? [] : new Dictionary<string, string> { ["MCPPLAYBOOKS_DATABASE"] = variable };

        var target = Resolve(null, flag, environment, problems);

        Assert.Null(target);
        var problem = Assert.Single(problems);
        Assert.StartsWith(prefix, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Successor_ByStore_AFileIsTakenOverByTheNextProcessADatabaseByItsServers()
    {
        var problems = new List<string>();
        var file = Resolve("data", null, [], problems)!;
        var database = Resolve("data", "Host=db.example;Database=runs;Username=u;Password=secret", [], problems)!;

        Assert.Empty(problems);
        Assert.Equal("the next process that opens the data directory (run 'resume')", McpPlaybooks.Server.Cli.Control.CliEngine.Successor(file));
        Assert.Equal("a server on the same database once the leases expire (or 'resume' then)", McpPlaybooks.Server.Cli.Control.CliEngine.Successor(database));
    }
}
