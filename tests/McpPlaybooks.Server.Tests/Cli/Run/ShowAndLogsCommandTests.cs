using System.Text.Json;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli.History;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>
/// <c>show</c> and <c>logs</c>: an execution's state and log at a terminal, read from history without an MCP client. Run on
/// both stores: <see cref="ShowAndLogsCommandTestsOnSqlite"/> (with the tests of the data directory's file) and
/// <see cref="ShowAndLogsCommandTestsOnPostgres"/> (<c>--database</c>, the password in <c>PGPASSWORD</c>).
/// </summary>
public abstract class ShowAndLogsCommandTests(StoreKind kind) : IAsyncLifetime
{
    private const string Logging = """
        id: two-logs
        name: Two logs
        version: 1.0.0
        description: Logs twice.
        steps:
          - id: first
            action: log
            with: { message: "first line" }
          - id: second
            needs: [first]
            action: log
            with: { message: "second line", level: warning }
        """;

    private readonly TempDirectory _directory = new();

    private PostgresTestSchema? _schema;

    private PostgresCliDatabase? _database;

    /// <summary>The test's working directory; its data directory is <c>data</c>.</summary>
    private protected TempDirectory Folder => _directory;

    public async Task InitializeAsync()
    {
        if (kind == StoreKind.Postgres)
        {
            _schema = await PostgresServer.CreateSchemaAsync();
            _database = new PostgresCliDatabase(_schema);
        }
    }

    public async Task DisposeAsync()
    {
        _directory.Dispose();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Fact]
    public async Task Show_FinishedExecution_PrintsItsStepsAndSummary()
    {
        var id = await RunAsync();

        var result = await Cli("show", id);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"two-logs 1.0.0 (execution {id})", result.OutLines[0]);
        Assert.Contains(result.OutLines, line => line.StartsWith("  ok      first", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, line => line.StartsWith("  ok      second", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, line => line.StartsWith("completed in ", StringComparison.Ordinal));
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Show_Json_PrintsTheStateDocumentAsRunDoes()
    {
        var id = await RunAsync();

        var result = await Cli("show", id, "--json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(id, json.RootElement.GetProperty("execution_id").GetString());
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task Show_UnknownExecution_ExitsTwoNamingHistory()
    {
        await RunAsync();

        var result = await Cli("show", "ex-nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains("no execution 'ex-nope'", result.Error, StringComparison.Ordinal);
        Assert.Contains("mcp-playbooks history", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_Execution_PrintsItsLinesOldestFirstWithStepAndLevel()
    {
        var id = await RunAsync();

        var result = await Cli("logs", id);

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutLines.ToList();
        var first = lines.FindIndex(l => l.EndsWith("[first] first line", StringComparison.Ordinal));
        var second = lines.FindIndex(l => l.EndsWith("[second] second line", StringComparison.Ordinal));
        Assert.InRange(first, 0, second - 1);
        Assert.Contains("warning", result.OutLines[second], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_StepLevelAndJson_FilterAndPrintOneArray()
    {
        var id = await RunAsync();

        var result = await Cli("logs", id, "--level", "warning", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var line = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("second", line.GetProperty("step_id").GetString());
        Assert.Equal("second line", line.GetProperty("message").GetString());
        Assert.Equal("warning", line.GetProperty("level").GetString());
    }

    /// <summary>A command on this test's history: the data directory's, or on PostgreSQL the test's schema (its password printed nowhere).</summary>
    private async Task<CliResult> Cli(params string[] args)
    {
        if (_database is null)
        {
            return await RunCli.RunAsync(_directory.Path, [.. args, "--data-dir", "data"]);
        }

        var result = await RunCli.RunAsync(_directory.Path, _database.Environment(), [.. args, "--data-dir", "data", "--database", _database.Connection]);
        _database.AssertPasswordNowhere(result);
        return result;
    }

    private async Task<string> RunAsync()
    {
        _directory.Write("two-logs.yaml", Logging);
        var run = await Cli("run", "two-logs.yaml", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("execution_id").GetString()!;
    }
}

/// <summary>On the data directory's SQLite file, and what only a file can be: missing, or empty.</summary>
public sealed class ShowAndLogsCommandTestsOnSqlite() : ShowAndLogsCommandTests(StoreKind.Sqlite)
{
    [Fact]
    public async Task Show_NoHistory_ExitsTwoAndCreatesNothing()
    {
        var result = await RunCli.RunAsync(Folder.Path, "show", "ex-1", "--data-dir", "data");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no history in", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Folder.Path, "data")));
    }

    [Theory]
    [InlineData("show")]
    [InlineData("logs")]
    public async Task ShowOrLogs_EmptyHistoryFile_OneLineAndExitOne(string command)
    {
        Folder.Write("data/history.db", "");

        var result = await RunCli.RunAsync(Folder.Path, command, "ex-1", "--data-dir", "data");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("history.db", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_BadLevel_ExitsTwoListingTheLevels()
    {
        var result = await RunCli.RunAsync(Folder.Path, "logs", "ex-1", "--level", "loud");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("debug, info, warning, error", result.Error, StringComparison.Ordinal);
    }
}

public sealed class ShowAndLogsCommandTestsOnPostgres() : ShowAndLogsCommandTests(StoreKind.Postgres);
