using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>
/// Cycles of child playbooks on the command line: <c>validate</c> warns PB1009 naming the cycle (among the files given
/// and the folders <c>run</c> finds children in), and <c>run</c> and <c>show</c> print the depth limit's whole cause.
/// </summary>
public sealed class ChildCycleCliTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string DataDirectory => Path.Combine(_directory.Path, "data");

    [Fact]
    public async Task Validate_TwoPlaybooksStartingEachOther_WarnsOnEachNamingTheCycleAndExitsZero()
    {
        _directory.Write("playbooks/a.yaml", ChildCyclePlaybooks.A);
        _directory.Write("playbooks/b.yaml", ChildCyclePlaybooks.B);

        var both = await RunCli.RunAsync(_directory.Path, "validate", Path.Combine(_directory.Path, "playbooks"));
        var one = await RunCli.RunAsync(_directory.Path, "validate", Path.Combine(_directory.Path, "playbooks", "a.yaml"));

        Assert.Equal(0, both.ExitCode);
        Assert.Contains("/playbooks/a.yaml:8:17: warning PB1009: a cycle of child playbooks: a → b → a (step 'call' of 'a' starts 'b'; step 'back' of 'b' starts 'a')", both.Out, StringComparison.Ordinal);
        Assert.Contains("/playbooks/b.yaml:8:17: warning PB1009: a cycle of child playbooks: b → a → b", both.Out, StringComparison.Ordinal);
        Assert.Contains("Fix: break the cycle", both.Out, StringComparison.Ordinal);
        Assert.Contains("/playbooks/a.yaml:8:17: warning PB1009: a cycle of child playbooks: a → b → a", one.Out, StringComparison.Ordinal); // b from ./playbooks
    }

    [Fact]
    public async Task RunAndShow_CycleThroughATemplatedId_PrintTheDepthLimitsWholeCause()
    {
        _directory.Write("playbooks/ping.yaml", ChildCyclePlaybooks.Ping);
        _directory.Write("playbooks/pong.yaml", ChildCyclePlaybooks.Pong);

        var run = await RunCli.RunAsync(_directory.Path, "run", "ping", "--data-dir", DataDirectory);
        var id = System.Text.RegularExpressions.Regex.Match(run.Out, @"\(execution (ex-[0-9a-f]+)\)").Groups[1].Value;
        var show = await RunCli.RunAsync(_directory.Path, "show", id, "--data-dir", DataDirectory);

        Assert.Equal(1, run.ExitCode);
        foreach (var output in new[] { run.Out, show.Out })
        {
            Assert.Contains("nest at most 5 deep; starting 'ping' here would make depth 6: " + ChildCyclePlaybooks.PingChain + ".", output, StringComparison.Ordinal);
            Assert.Contains("or flatten the chain", output, StringComparison.Ordinal);
        }
    }
}
