using System.Diagnostics;
using System.Globalization;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Actions.Shell.ShellTestFolder;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

public sealed class ShellCancellationTests : IDisposable
{
    private readonly ShellTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheWholeProcessTree()
    {
        // The script, a child shell with a grandchild sleep, and a child sleep: each writes its pid; the script says when
        // all four are written (cancelling after a fixed second left fewer under load).
        var script = _folder.Script("tree.sh", """
            echo $$ >> pids
            sh -c 'sleep 60 & echo $! >> pids; wait' &
            echo $! >> pids
            sleep 60 &
            echo $! >> pids
            until [ "$(wc -l < pids)" -ge 4 ]; do sleep 0.01; done
            echo all > ready
            wait
            """);
        using var cancel = new CancellationTokenSource();
        var running = _folder.RunAsync(Args(("command", Command(script)), ("cwd", Value.From(_folder.Path))), cancellationToken: cancel.Token);
        await FileAppearance.WaitForLineAsync(_folder.PathOf("ready"), TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the cancel took {clock.Elapsed} although the processes sleep 60 s");
        Assert.Equal(cancel.Token, e.CancellationToken);
        var pids = File.ReadAllLines(_folder.PathOf("pids")).Select(line => int.Parse(line, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, pids.Count);
        Assert.All(pids, pid => Assert.True(ProcessProbe.IsGoneAfterReaping(pid), $"process {pid} is still alive"));
    }

    [Fact]
    public async Task RunAsync_DescendantHoldsTheOutputOpen_ReturnsAfterTheGrace()
    {
        // The script ends at once, but the sleep it leaves behind keeps stdout open for 60 s.
        var script = _folder.Script("daemon.sh", "sleep 60 &\necho $! > pid\necho started");
        var clock = Stopwatch.StartNew();
        try
        {
            var output = await _folder.RunAsync(Args(("command", Command(script)), ("cwd", Value.From(_folder.Path))));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the call took {clock.Elapsed} although the output stays open 60 s");
            Assert.Equal("started", OutputText(output, "stdout"));
        }
        finally
        {
            var pid = int.Parse(File.ReadAllText(_folder.PathOf("pid")), CultureInfo.InvariantCulture);
            try
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }
}
