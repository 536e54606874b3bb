using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// A <c>run</c> of a crash playbook (<see cref="CrashPlaybook.Transitions"/> unless told) parked at its gate (exit 3), in
/// a directory of its own, for the control commands' crash sweeps: the commands to call, the arguments that name its
/// history, and the SQLite file. A sweep runs it once and gives each kill point a <see cref="Copy"/> of its data
/// directory (the run ended, its lease released), instead of a run of its own.
/// </summary>
internal sealed class ParkedAtGate : IDisposable
{
    private readonly TempDirectory _directory;
    private readonly string _dataDirectory;

    private ParkedAtGate(TempDirectory directory, string dataDirectory, string marks, string executionId)
    {
        _directory = directory;
        _dataDirectory = dataDirectory;
        Cli = KillPoints.Cli(directory.Path);
        Database = Path.Combine(dataDirectory, "history.db");
        Where = ["--data-dir", dataDirectory, "--json"];
        Marks = marks;
        ExecutionId = executionId;
    }

    /// <summary>Where its commands run (their working directory): a directory of its own, for every copy.</summary>
    public string Directory => _directory.Path;

    /// <summary>Where the playbook's shell steps leave their marks: the directory of the run, for every copy.</summary>
    public string Marks { get; }

    public CliCall Cli { get; }

    /// <summary>The data directory's SQLite file.</summary>
    public string Database { get; }

    /// <summary>The arguments every command takes: the data directory, and JSON output.</summary>
    public IReadOnlyList<string> Where { get; }

    public string ExecutionId { get; }

    /// <summary>The execution's status as committed.</summary>
    public string? Status => HistoryFile.Status(Database, ExecutionId);

    public static async Task<ParkedAtGate> RunAsync(CrashPlaybook? playbook = null)
    {
        var directory = new TempDirectory();
        try
        {
            var scenario = new CrashScenario(KillPoints.Cli(directory.Path), playbook ?? CrashPlaybook.Transitions, directory.Path);
            var run = await KillPoints.Cli(directory.Path)(scenario.RunArguments, CrashScenario.Environment(null));
            Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}, not parked at its gate: {run.Error}");
            return new ParkedAtGate(directory, scenario.DataDirectory, directory.Path, StateDocument.Parse(run.Out).ExecutionId);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The same execution parked at the same gate, in a directory of its own: a copy of this one's data directory.</summary>
    public ParkedAtGate Copy()
    {
        var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        foreach (var file in System.IO.Directory.EnumerateFiles(_dataDirectory, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(data, Path.GetRelativePath(_dataDirectory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return new ParkedAtGate(directory, data, Marks, ExecutionId);
    }

    /// <summary>Runs <c>control ID ACTION</c>, the test hook killing it after <paramref name="killAfterCommits"/> commits when given.</summary>
    public Task<CliCallResult> ControlAsync(string action, int? killAfterCommits) =>
        Cli(["control", ExecutionId, action, .. Where], CrashScenario.Environment(killAfterCommits));

    public void Dispose() => _directory.Dispose();
}
