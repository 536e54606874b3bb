using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli.Control;
using McpPlaybooks.Server.Tests.Cli.Run;
using Npgsql;

namespace McpPlaybooks.Server.Tests.Cli.History;

/// <summary>
/// The commands on a PostgreSQL that holds no history, or refuses the password: one line each, nothing created, the
/// password nowhere.
/// </summary>
public sealed class PostgresHistoryFailureTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string[]> Readers => new()
    {
        { ["history"] },
        { ["show", "ex-1"] },
        { ["logs", "ex-1"] },
        { ["approvals"] },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Reader_SchemaWithoutHistory_OneLineExitTwoAndCreatesNothing(string[] command)
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        var database = new PostgresCliDatabase(schema);

        var result = await database.RunInProcessAsync(_directory.Path, [.. command, "--data-dir", "data"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: no McpPlaybooks history in Host=", line, StringComparison.Ordinal);
        Assert.Contains($"Search Path={schema.Name}", line, StringComparison.Ordinal);
        Assert.Equal(0, await database.TableCountAsync());
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "data")));
        database.AssertPasswordNowhere(result);
    }

    [Fact]
    public async Task ApproveControlResume_SchemaWithoutHistory_CreateNothing()
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        var database = new PostgresCliDatabase(schema);

        var approve = await database.RunInProcessAsync(_directory.Path, "approve", "ex-1", "touch");
        var control = await database.RunInProcessAsync(_directory.Path, "control", "ex-1", "cancel");
        var resume = await database.RunInProcessAsync(_directory.Path, "resume");

        Assert.Equal(2, approve.ExitCode);
        Assert.StartsWith("error: no execution 'ex-1': Host=", approve.ErrorLines[0], StringComparison.Ordinal);
        Assert.EndsWith("holds no history yet (is --database right?)", approve.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(2, control.ExitCode);
        Assert.Equal((0, "nothing to resume: no unfinished execution is without a live process"), (resume.ExitCode, resume.Out.Trim()));
        Assert.Equal(0, await database.TableCountAsync());
        database.AssertPasswordNowhere(approve, control, resume);
    }

    public static TheoryData<string[]> Everything => new()
    {
        { ["history"] },
        { ["show", "ex-1"] },
        { ["logs", "ex-1"] },
        { ["approvals"] },
        { ["approve", "ex-1", "touch"] },
        { ["control", "ex-1", "cancel"] },
        { ["resume"] },
        { ["run", "gated.yaml", "--input", "path=/nowhere"] },
    };

    [Theory]
    [MemberData(nameof(Everything))]
    public async Task Command_WrongPassword_OneMaskedLineAndExitOne(string[] command)
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        _directory.Write("gated.yaml", ControlPlaybooks.GatedTouch);
        var wrong = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Password = "wrong-pass-5519" };
        var uri = $"postgres://{wrong.Username}:{wrong.Password}@{wrong.Host}:{wrong.Port}/{wrong.Database}";

        var result = await RunCli.RunAsync(_directory.Path, [.. command, "--database", uri]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: PostgreSQL refused the credentials for the history database '", line, StringComparison.Ordinal);
        Assert.Contains($"Port={wrong.Port}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass-5519", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_WrongPasswordInTheVariable_FlagWinsOverIt()
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        var database = new PostgresCliDatabase(schema);
        var wrong = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Password = "wrong-pass-5519" };

        var fromVariable = await RunCli.RunAsync(_directory.Path, new Dictionary<string, string> { ["MCPPLAYBOOKS_DATABASE"] = wrong.ConnectionString }, "history");
        var fromFlag = await RunCli.RunAsync(
            _directory.Path,
            database.Environment(("MCPPLAYBOOKS_DATABASE", wrong.ConnectionString)),
            "history", "--database", database.Connection);

        Assert.Equal(1, fromVariable.ExitCode);
        Assert.Contains("refused the credentials", fromVariable.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass-5519", fromVariable.Error, StringComparison.Ordinal);
        Assert.Equal(2, fromFlag.ExitCode); // reached: the schema has no history yet
        Assert.Contains("no McpPlaybooks history in", fromFlag.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("history")]
    [InlineData("show ex-1")]
    [InlineData("logs ex-1")]
    [InlineData("approvals")]
    [InlineData("approve ex-1 touch")]
    [InlineData("control ex-1 cancel")]
    [InlineData("resume")]
    [InlineData("run gated.yaml")]
    [InlineData("serve")]
    public async Task Help_EveryCommandUsingHistory_ShowsDatabaseAndSuggestsItWhenMisspelt(string line)
    {
        var words = line.Split(' ');
        var command = words[0];
        var help = await InProcessCli.RunAsync(command, "--help");
        var misspelt = await InProcessCli.RunAsync([.. words, "--databse", "x.db"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--database <PATH|CONNECTION>", help.Out, StringComparison.Ordinal);
        Assert.Equal(2, misspelt.ExitCode);
        Assert.Contains("Did you mean '--database'?", misspelt.Error, StringComparison.Ordinal);
    }
}
