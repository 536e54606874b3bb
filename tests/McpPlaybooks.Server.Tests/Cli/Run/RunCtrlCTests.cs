using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Cli;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>
/// Ctrl+C while <c>run</c> follows its execution cancels it as a person's decision: the audit names the command line's
/// user, as <c>control ... cancel</c> does. The command runs in this process and its token is cancelled, which is what
/// SIGINT does to it (a child process started in the background of a non-interactive shell, as CI may start the tests,
/// inherits SIGINT ignored). Before, the steps were stopped and the audit recorded no cancel.
/// </summary>
public sealed class RunCtrlCTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Run_CtrlCWhileAStepRuns_CancelsWithAnAuditEntryOfTheCliUser()
    {
        var started = Path.Combine(_directory.Path, "started");
        _directory.Write("slow.yaml", $$"""
            id: slow
            name: Slow
            version: 1.0.0
            steps:
              - id: long
                action: shell
                with: { command: [/bin/sh, -c, "echo started > \"$0\"; while true; do sleep 0.05; done", "{{started}}"] }
            """);
        using var ctrlC = new CancellationTokenSource();
        var run = RunCli.RunAsync(_directory.Path, new Dictionary<string, string>(), ctrlC.Token, "run", "slow.yaml", "--data-dir", "data");
        var running = FileAppearance.WaitForLineAsync(started, TimeSpan.FromSeconds(30));
        await Task.WhenAny(run, running);
        Assert.False(run.IsCompleted, run.IsCompleted ? (await run).Error : "");
        await running;

        await ctrlC.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        await using var history = await HistoryStore.OpenAsync(Path.Combine(_directory.Path, "data", "history.db"), TimeProvider.System, null, CancellationToken.None);
        var execution = Assert.Single((await history.ListExecutionsAsync(new ExecutionQuery(), CancellationToken.None)).Executions);
        Assert.Equal(ExecutionStatus.Cancelled, execution.Status);
        var cancel = Assert.Single(await history.GetAuditAsync(execution.Id, CancellationToken.None), entry => entry.Action == "cancel");
        Assert.Equal(CliContext.Identity, cancel.Actor);
        Assert.Contains("Ctrl+C", cancel.DetailJson, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
