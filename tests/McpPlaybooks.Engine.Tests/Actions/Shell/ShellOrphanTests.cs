using System.Globalization;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Actions.Shell.ShellTestFolder;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

/// <summary>
/// Processes that leave a step's process tree: a double-forked grandchild (re-parented away from the step) and a
/// <c>setsid</c> grandchild (in a session of its own). A timed-out or cancelled step must leave neither behind.
/// </summary>
public sealed class ShellOrphanTests : IDisposable
{
    private readonly ShellTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_CancelledWithDoubleForkedAndSetsidGrandchildren_LeavesNoneBehind()
    {
        // Both grandchildren leave the step's tree; the second leaves its process group and session too.
        var script = _folder.Script("escape.sh", """
            ( sleep 100 & echo $! > forked )
            ( setsid sleep 100 & echo $! > session )
            exec sleep 100
            """);
        using var cancel = new CancellationTokenSource();
        var running = _folder.RunAsync(Args(("command", Command(script)), ("cwd", Value.From(_folder.Path))), cancellationToken: cancel.Token);
        var pids = await ReadPidsAsync("forked", "session");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.All(pids, pid => Assert.True(ProcessProbe.IsGoneAfterReaping(pid), $"process {pid} is still alive after the step was cancelled"));
    }

    [Fact]
    public async Task RunAsync_StepTimesOutWithDoubleForkedAndSetsidGrandchildren_FailsWithTimeoutAndLeavesNoneBehind()
    {
        var script = _folder.Script("escape.sh", $"""
            cd '{_folder.Path}'
            ( sleep 100 & echo $! > forked )
            ( setsid sleep 100 & echo $! > session )
            exec sleep 100
            """);
        await using var harness = await EngineHarness.StartAsync();

        var state = await harness.RunAsync($$"""
            id: orphan-timeout
            name: Orphan timeout
            version: 1.0.0
            steps:
              - id: slow
                action: shell
                timeout: 2s
                with: { command: ["{{script}}"] }
            """);

        Assert.Equal(ErrorCategory.Timeout, EngineHarness.Step(state, "slow").Error!.Category);
        var pids = await ReadPidsAsync("forked", "session");
        Assert.All(pids, pid => Assert.True(ProcessProbe.IsGoneAfterReaping(pid), $"process {pid} is still alive after the step timed out"));
    }

    [Fact]
    public void Current_Linux_RunsStepsInASessionOfTheirOwn()
    {
        // CI runs Debian, whose base system has util-linux's setsid and setpriv: the fallback must not hide there.
        Assert.Equal(OperatingSystem.IsLinux(), ProcessLauncher.Current.Contained);
    }

    private async Task<List<int>> ReadPidsAsync(params string[] names)
    {
        var pids = new List<int>();
        foreach (var name in names)
        {
            var text = await FileAppearance.WaitForLineAsync(_folder.PathOf(name), TimeSpan.FromSeconds(20));
            pids.Add(int.Parse(text, CultureInfo.InvariantCulture));
        }

        return pids;
    }
}
