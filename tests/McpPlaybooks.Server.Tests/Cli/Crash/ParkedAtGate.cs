using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// A <c>run</c> of <see cref="CrashPlaybook.Transitions"/> parked at its gate (exit 3), in a directory of its own, for the
/// control commands' crash sweeps: the commands to call, the arguments that name its history, and the SQLite file.
/// </summary>
internal sealed class ParkedAtGate : IDisposable
{
    private readonly TempDirectory _directory;

    private ParkedAtGate(TempDirectory directory, CrashScenario scenario, string executionId)
    {
        _directory = directory;
        Cli = KillPoints.Cli(directory.Path);
        Database = Path.Combine(scenario.DataDirectory, "history.db");
        Where = ["--data-dir", scenario.DataDirectory, "--json"];
        ExecutionId = executionId;
    }

    public string Directory => _directory.Path;

    public CliCall Cli { get; }

    /// <summary>The data directory's SQLite file.</summary>
    public string Database { get; }

    /// <summary>The arguments every command takes: the data directory, and JSON output.</summary>
    public IReadOnlyList<string> Where { get; }

    public string ExecutionId { get; }

    /// <summary>The execution's status as committed.</summary>
    public string? Status => HistoryFile.Status(Database, ExecutionId);

    public static async Task<ParkedAtGate> RunAsync()
    {
        var directory = new TempDirectory();
        try
        {
            var scenario = new CrashScenario(KillPoints.Cli(directory.Path), CrashPlaybook.Transitions, directory.Path);
            var run = await KillPoints.Cli(directory.Path)(scenario.RunArguments, CrashScenario.Environment(null));
            Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}, not parked at its gate: {run.Error}");
            return new ParkedAtGate(directory, scenario, StateDocument.Parse(run.Out).ExecutionId);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>control ID ACTION</c>, the test hook killing it after <paramref name="killAfterCommits"/> commits when given.</summary>
    public Task<CliCallResult> ControlAsync(string action, int? killAfterCommits) =>
        Cli(["control", ExecutionId, action, .. Where], CrashScenario.Environment(killAfterCommits));

    public void Dispose() => _directory.Dispose();
}
