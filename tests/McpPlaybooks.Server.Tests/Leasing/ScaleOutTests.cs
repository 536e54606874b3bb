using System.Diagnostics;
using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Tests.Cli;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Leasing;

/// <summary>
/// Three <c>serve --http</c> processes on one database (a SQLite file, then a PostgreSQL schema); 1,000 executions started through all three, each with two
/// non-idempotent shell steps that append to a marker file; one server is killed (SIGKILL) in the middle. The other two
/// take its executions over once its leases expire: no execution stays running, every completed step ran exactly once,
/// and every step in flight at the kill is flagged interrupted (its execution parked for a person), never run again.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int Executions = 1000;
    private const int LeaseMs = 3000;
    private const int InFlightStarts = 24;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    [ScaleOutTheory]
    [MemberData(nameof(ClusterDatabase.Stores), MemberType = typeof(ClusterDatabase))]
    [Trait("Category", "ScaleOut")]
    public async Task Serve_ThreeServersOneKilledMidway_EveryExecutionEndsAndNoStepRunsTwice(string store)
    {
        using var root = new TempDirectory();
        await using var database = await ClusterDatabase.CreateAsync(root.Path, store);
        var work = root.Path;
        var playbooks = Path.GetDirectoryName(root.Write("playbooks/appends.yaml", $$$"""
            id: appends
            name: Appends
            version: 1.0.0
            inputs:
              n:
                type: string
            steps:
              - id: s1
                action: shell
                with:
                  command: [/bin/sh, -c, 'sleep 0.2; echo "$1 s1" >> "$0/marker"', "{{{work}}}", "{{ inputs.n }}"]
              - id: s2
                needs: [s1]
                action: shell
                with:
                  command: [/bin/sh, -c, 'sleep 0.1; echo "$1 s2" >> "$0/marker"', "{{{work}}}", "{{ inputs.n }}"]
            """))!;
        var nodes = new List<ServeNode>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await ServeNode.StartAsync(database, playbooks, LeaseMs));
            }

            var clock = Stopwatch.StartNew();
            var killed = nodes[2];
            var living = nodes.Take(2).ToList();
            var started = 0;
            var killedAt = TimeSpan.Zero;
            using var slots = new SemaphoreSlim(InFlightStarts);
            var starts = Enumerable.Range(0, Executions).Select(async n =>
            {
                await slots.WaitAsync();
                try
                {
                    await StartAsync(n, n % 3 == 2 && !killed.Process.HasExited ? killed : living[n % 2], living);
                    if (Interlocked.Increment(ref started) == Executions / 2)
                    {
                        killedAt = clock.Elapsed;
                        await killed.SignalAsync("KILL");
                    }
                }
                finally
                {
                    slots.Release();
                }
            }).ToList();
            await Task.WhenAll(starts);
            var startedIn = clock.Elapsed;

            await using var history = await database.OpenStoreAsync();
            await Until.TrueAsync(
                async () => (await history.ListUnfinishedAsync(default)).Count(e => e.Status != ExecutionStatus.Paused),
                count => count == 0,
                Bound,
                "every execution ends or parks");
            var endedIn = clock.Elapsed;

            var all = await AllAsync(history);
            var marks = (await File.ReadAllLinesAsync(Path.Combine(work, "marker"))).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
            var killedOwner = $":{killed.Pid.ToString(CultureInfo.InvariantCulture)}:";
            var takenOver = all.Count(e => e.PreviousOwnerId?.Contains(killedOwner, StringComparison.Ordinal) == true);
            var completedSteps = 0;
            var interrupted = new List<string>();
            foreach (var execution in all)
            {
                var n = JsonInput(execution);
                var steps = await history.GetStepStatesAsync(execution.Id, default);
                foreach (var step in steps)
                {
                    var ran = marks.GetValueOrDefault($"{n} {step.StepId}");
                    switch (step.Status)
                    {
                        case StepStatus.Completed:
                            completedSteps++;
                            Assert.True(ran == 1, $"{execution.Id} ({n}) step {step.StepId} completed and ran {ran} times");
                            break;
                        case StepStatus.Interrupted:
                            interrupted.Add($"{execution.Id}/{step.StepId}");
                            Assert.True(ran <= 1, $"{execution.Id} ({n}) step {step.StepId} was interrupted and ran {ran} times");
                            Assert.Equal(ExecutionStatus.Paused, execution.Status);
                            break;
                        default:
                            Assert.True(ran == 0, $"{execution.Id} ({n}) step {step.StepId} is {step.Status} and ran {ran} times");
                            break;
                    }
                }

                Assert.True(
                    execution.Status == ExecutionStatus.Completed || (execution.Status == ExecutionStatus.Paused && steps.Any(s => s.Status == StepStatus.Interrupted)),
                    $"{execution.Id} ended {execution.Status}");
            }

            Assert.Equal(Executions, all.Count);
            Assert.True(takenOver > 0, "the killed server held executions that the others took over");
            Assert.All(interrupted, i => Assert.Contains(all, e => i.StartsWith(e.Id + "/", StringComparison.Ordinal) && e.PreviousOwnerId?.Contains(killedOwner, StringComparison.Ordinal) == true));
            Assert.Equal(0, nodes.Take(2).Sum(n => n.Errors.Lines.Count(l => l.Contains("Refused a late write", StringComparison.Ordinal))));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scale-out on {database.Description}: {Executions} executions through 3 servers (one SIGKILLed after {Executions / 2} starts, at {killedAt.TotalSeconds:0.0} s); "
                + $"started in {startedIn.TotalSeconds:0.0} s, all ended or parked in {endedIn.TotalSeconds:0.0} s; "
                + $"{all.Count(e => e.Status == ExecutionStatus.Completed)} completed, {takenOver} taken over from the killed server, "
                + $"{interrupted.Count} in-flight steps interrupted (not run again), {completedSteps} completed steps each ran once"));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>Starts execution <paramref name="n"/> on <paramref name="node"/>; when that server is gone, again on a living one (same idempotency key, same execution).</summary>
    private static async Task StartAsync(int n, ServeNode node, List<ServeNode> living)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["playbook_id"] = "appends",
            ["inputs"] = new Dictionary<string, object?> { ["n"] = n.ToString(CultureInfo.InvariantCulture) },
            ["idempotency_key"] = "scale-" + n.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            await node.CallAsync("execute_playbook", arguments);
        }
        catch (Exception e) when (!living.Contains(node) && e is not InvalidOperationException)
        {
            await living[n % 2].CallAsync("execute_playbook", arguments);
        }
    }

    private static async Task<List<ExecutionRecord>> AllAsync(HistoryStore store)
    {
        var all = new List<ExecutionRecord>();
        string? cursor = null;
        do
        {
            var page = await store.ListExecutionsAsync(new ExecutionQuery { Limit = 500, Cursor = cursor }, default);
            all.AddRange(page.Executions);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    private static string JsonInput(ExecutionRecord execution) =>
        System.Text.Json.Nodes.JsonNode.Parse(execution.InputsJson)!["n"]!.GetValue<string>();
}
