using System.Globalization;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Leasing;

/// <summary>
/// The fence between real processes: server A runs a step, is stopped (SIGSTOP) past its lease, server B takes the
/// execution over on the same database, then A is continued (SIGCONT). A's late writes are refused by the database and
/// logged, A stops running the execution, and nothing A did after losing the lease is in history.
/// </summary>
public sealed class FencingEndToEndTests
{
    private const int LeaseMs = 1500;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(ClusterDatabase.Stores), MemberType = typeof(ClusterDatabase))]
    public async Task Serve_StoppedPastItsLeaseThenContinued_ItsLateWritesAreRefusedAndLogged(string store)
    {
        using var root = new TempDirectory();
        await using var database = await ClusterDatabase.CreateAsync(root.Path, store);
        var work = root.Path;
        var playbooks = Path.GetDirectoryName(root.Write("playbooks/fenced.yaml", FencedPlaybook.Yaml(work)))!;
        await using var a = await ServeNode.StartAsync(database, playbooks, LeaseMs);
        var id = (string)(await a.CallAsync("execute_playbook", new() { ["playbook_id"] = "fenced" }))["execution_id"]!;
        await FileAppearance.WaitForLineAsync(Path.Combine(work, "running"), Bound);
        var before = await a.CallAsync("get_execution", new() { ["execution_id"] = id });
        Assert.Equal(a.Pid, (int)before["owner"]!["pid"]!);
        Assert.Equal(Environment.MachineName, (string)before["owner"]!["host"]!);

        await StopOutsideATransactionAsync(a, database, id);
        await using var b = await ServeNode.StartAsync(database, playbooks, LeaseMs);
        await SeenAsync(b, $"Took over execution {id}", a, b);
        var parked = await Until.TrueAsync(
            () => b.CallAsync("get_execution", new() { ["execution_id"] = id }), s => (string?)s["status"] == "paused", Bound, "B parks the execution");
        Assert.Equal(b.Pid, (int)parked["owner"]!["pid"]!);
        var (steps, attempts, logs) = await HistoryOfAsync(database, id);

        // A's step ends while A is stopped; once continued, A records its end: its late write.
        await File.WriteAllTextAsync(Path.Combine(work, "go"), "");
        await FileAppearance.WaitForLineAsync(Path.Combine(work, "marker"), Bound);
        await a.SignalAsync("CONT");
        var refused = await SeenAsync(a, $"Refused a late write for execution {id}", a, b);
        var lost = await SeenAsync(a, $"Lost the lease of execution {id}", a, b);

        Assert.Contains($":{a.Pid.ToString(CultureInfo.InvariantCulture)}:", refused, StringComparison.Ordinal);
        Assert.Contains($"held by {Environment.MachineName}:{b.Pid.ToString(CultureInfo.InvariantCulture)}:", refused, StringComparison.Ordinal);
        Assert.Contains("this process stops running it", lost, StringComparison.Ordinal);
        var after = await HistoryOfAsync(database, id);
        Assert.Equal(steps, after.Steps);
        Assert.Equal(attempts, after.Attempts);
        Assert.Equal(logs, after.Logs);
        Assert.Equal(["work:interrupted", "next:pending"], after.Steps);
        Assert.Equal(["work:interrupted"], after.Attempts);
        Assert.Equal(["work"], await File.ReadAllLinesAsync(Path.Combine(work, "marker")));

        // A serves on, and says who runs the execution now.
        var seenByA = await a.CallAsync("get_execution", new() { ["execution_id"] = id });
        Assert.Equal(b.Pid, (int)seenByA["owner"]!["pid"]!);
        var listed = await a.CallAsync("list_executions", new() { ["active_only"] = true });
        Assert.Equal(b.Pid, (int)((JsonArray)listed["executions"]!).Single(e => (string?)e!["execution_id"] == id)!["owner"]!["pid"]!);
    }

    /// <summary>
    /// The first line of <paramref name="node"/>'s stderr holding <paramref name="text"/>. Not within the bound, the failure
    /// carries the last lines of both servers' stderr, so that a run that hung says where (it did once in a full run).
    /// </summary>
    private static async Task<string> SeenAsync(ServeNode node, string text, ServeNode a, ServeNode b)
    {
        try
        {
            return await node.Errors.FirstAsync(line => line.Contains(text, StringComparison.Ordinal)).WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            static string Tail(ServeNode n) => string.Join('\n', n.Errors.Lines.TakeLast(25));
            throw new TimeoutException($"'{text}' not logged within {Bound}.\nA (pid {a.Pid}):\n{Tail(a)}\nB (pid {b.Pid}):\n{Tail(b)}");
        }
    }

    /// <summary>
    /// Stops A (SIGSTOP) at a moment it holds no write transaction. Stopped inside one, it would keep SQLite's write lock (or
    /// PostgreSQL's lock on the row) and no server could start writing or take over until A runs again: the database's
    /// nature, not the fence's. CI once stopped A there, and B could not start.
    /// </summary>
    private static async Task StopOutsideATransactionAsync(ServeNode a, ClusterDatabase database, string id)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            await a.SignalAsync("STOP");
            if (await database.IsFreeToWriteAsync(id))
            {
                return;
            }

            await a.SignalAsync("CONT");
            await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt));
        }

        throw new InvalidOperationException("server A was inside a write transaction each of the 20 times it was stopped");
    }

    /// <summary>The execution's steps, attempts and log lines as history holds them (read through a store of its own).</summary>
    private static async Task<(List<string> Steps, List<string> Attempts, List<string> Logs)> HistoryOfAsync(ClusterDatabase database, string id)
    {
        await using var store = await database.OpenStoreAsync();
        var steps = (await store.GetStepStatesAsync(id, default)).Select(s => $"{s.StepId}:{Engine.Definitions.EnumNames.ToName(s.Status)}").ToList();
        var attempts = (await store.GetAttemptsAsync(id, default)).Select(a => $"{a.StepId}:{Engine.Definitions.EnumNames.ToName(a.Status)}").ToList();
        var logs = (await store.GetLogsAsync(new LogQuery { ExecutionId = id, Limit = 1000 }, default)).Entries.Select(l => $"{l.At:O} {l.Message}").ToList();
        return (steps, attempts, logs);
    }
}
