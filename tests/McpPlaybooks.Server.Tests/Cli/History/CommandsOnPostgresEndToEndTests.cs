using System.Text.Json;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli.Control;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Cli.History;

/// <summary>
/// The command line on a shared PostgreSQL history, through the built executable: each command a process of its own,
/// as people on different machines would run them, all with <c>--database</c> and the password in <c>PGPASSWORD</c>.
/// Nothing is written to the data directory's SQLite file, and the password is in nothing printed.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class CommandsOnPostgresEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string Data => Path.Combine(_directory.Path, "data");

    private string Target => Path.Combine(_directory.Path, "created");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RunThenReaders_ThenApprove_AllOnOnePostgresHistory()
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        var database = new PostgresCliDatabase(schema);
        var id = await ParkAtGateAsync(database);

        var history = await Cli(database, "history");
        var show = await Cli(database, "show", id);
        var logs = await Cli(database, "logs", id, "--json");
        var approvals = await Cli(database, "approvals", "--json");
        var approve = await Cli(database, "approve", id, "touch", "--as", "oncall", "--wait", "60", "--json");
        var after = await Cli(database, "history", "--json");

        Assert.Equal(0, history.ExitCode);
        Assert.Contains(history.OutLines, line => line.Contains(id, StringComparison.Ordinal) && line.Contains("waiting_approval", StringComparison.Ordinal));
        Assert.StartsWith("1 execution in Host=", history.OutLines[^1], StringComparison.Ordinal);
        Assert.Equal((0, $"gated-touch 1.0.0 (execution {id})"), (show.ExitCode, show.OutLines[0]));
        Assert.Equal(0, logs.ExitCode);
        using (var lines = JsonDocument.Parse(logs.Out))
        {
            Assert.Contains(lines.RootElement.EnumerateArray(), line => line.GetProperty("message").GetString() == "before the gate");
        }

        Assert.Equal(0, approvals.ExitCode);
        using (var gates = JsonDocument.Parse(approvals.Out))
        {
            var gate = Assert.Single(gates.RootElement.EnumerateArray());
            Assert.Equal("touch", gate.GetProperty("step_id").GetString());
            Assert.StartsWith($"mcp-playbooks approve {id} touch --database 'Host=", gate.GetProperty("approve").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, approve.ExitCode);
        using (var state = JsonDocument.Parse(approve.Out))
        {
            Assert.Equal("completed", state.RootElement.GetProperty("status").GetString());
        }

        Assert.True(File.Exists(Target));
        using (var rows = JsonDocument.Parse(after.Out))
        {
            Assert.Equal("completed", Assert.Single(rows.RootElement.EnumerateArray()).GetProperty("status").GetString());
        }

        Assert.False(File.Exists(Path.Combine(Data, "history.db")));
        database.AssertPasswordNowhere(history, show, logs, approvals, approve, after);
    }

    [Fact]
    public async Task ResumeThenControl_PauseResumeCancel_OnOnePostgresHistory()
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        var database = new PostgresCliDatabase(schema);
        var id = await ParkAtGateAsync(database);

        var resume = await Cli(database, "resume", "--json");
        var pause = await Cli(database, "control", id, "pause", "--json");
        var goOn = await Cli(database, "control", id, "resume", "--wait", "60", "--json");
        var cancel = await Cli(database, "control", id, "cancel", "--wait", "60", "--json");

        Assert.Equal(3, resume.ExitCode); // taken over, still at its gate
        using (var json = JsonDocument.Parse(resume.Out))
        {
            var resumed = Assert.Single(json.RootElement.GetProperty("resumed").EnumerateArray());
            Assert.Equal(id, resumed.GetProperty("execution_id").GetString());
        }

        Assert.Equal("paused", Status(pause, 0));
        Assert.Equal("waiting_approval", Status(goOn, 3));
        Assert.Equal("cancelled", Status(cancel, 1));
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Path.Combine(Data, "history.db")));
        database.AssertPasswordNowhere(resume, pause, goOn, cancel);
    }

    [Fact]
    public async Task Resume_OwnerOfThisHostKilledWithItsLeaseLive_IsNotTakenForGoneOnPostgres()
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        var database = new PostgresCliDatabase(schema);
        _directory.Write("hold.yaml", ControlPlaybooks.HoldOnce);
        var fifo = Path.Combine(_directory.Path, "started");
        using (var mkfifo = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        // Killed mid-step with a lease of a minute: on SQLite, 'resume' would see its pid gone and wait for the lease.
        var started = Task.Run(() => File.ReadAllText(fifo));
        using (var process = RunningCliProcess.Start(
            ["run", "hold.yaml", "--input", $"dir={_directory.Path}", "--data-dir", Data, "--database", database.Connection],
            _directory.Path,
            database.Environment(("MCPPLAYBOOKS_TEST_LEASE_MS", "60000"))))
        {
            Assert.Equal(137, await process.KillWhenAsync(started));
        }

        var resume = await Cli(database, "resume", "--json");

        Assert.Equal(0, resume.ExitCode);
        Assert.DoesNotContain("still leased by a process that is gone", resume.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(resume.Out);
        Assert.Equal(0, json.RootElement.GetProperty("resumed").GetArrayLength());
        var held = Assert.Single(json.RootElement.GetProperty("held").EnumerateArray());
        Assert.Equal("running", held.GetProperty("status").GetString());
        Assert.StartsWith(Environment.MachineName + ":", held.GetProperty("owner").GetString(), StringComparison.Ordinal);
        database.AssertPasswordNowhere(resume);
    }

    private static string? Status(CliResult result, int exitCode)
    {
        Assert.True(result.ExitCode == exitCode, $"exited {result.ExitCode}, not {exitCode}: {result.Error}");
        using var json = JsonDocument.Parse(result.Out);
        return json.RootElement.GetProperty("status").GetString();
    }

    /// <summary>Runs the gated playbook to its gate on the database (exit 3) and returns the execution id.</summary>
    private async Task<string> ParkAtGateAsync(PostgresCliDatabase database)
    {
        _directory.Write("gated.yaml", ControlPlaybooks.GatedTouch);
        var run = await Cli(database, "run", "gated.yaml", "--input", $"path={Target}", "--json");
        Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}: {run.Error}");
        database.AssertPasswordNowhere(run);
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("execution_id").GetString()!;
    }

    /// <summary>A command as the OS user mapped to oncall (the gate's approver), on the database.</summary>
    private Task<CliResult> Cli(PostgresCliDatabase database, params string[] args) =>
        CliProcess.RunAsync(
            [.. args, "--data-dir", Data, "--database", database.Connection],
            _directory.Path,
            database.Environment(("MCPPLAYBOOKS_APPROVAL_USERS", $"{Environment.UserName}=oncall")));
}
