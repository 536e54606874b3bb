using System.Text;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Handlers;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>
/// <c>steps [COUNT] [RUNS]</c>: a COUNT-step no-op playbook (<c>set</c> and <c>log</c>) through the whole
/// engine with full history (every step and attempt committed to SQLite; a pure step's end rides the next commit, at
/// most 33 to a commit), against the same actions called directly (rendering included, no engine, no history). Prints
/// steps per second and the engine's overhead per step, for independent steps (concurrency 4) and for a chain, and how
/// many transactions the writer committed per step.
/// </summary>
internal static class StepOverheadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
        var directory = Timings.TempDirectory("steps");
        try
        {
            await using var engine = await ParkedExecutions.OpenAsync(directory);
            Console.WriteLine($"{count}-step no-op playbook (set and log), full history in {engine.History.Path}; median of {runs} runs");
            Console.WriteLine($"{"layout",-22} {"direct",11} {"engine",11} {"steps/s",9} {"per step",11} {"overhead/step",13} {"ratio",6}");
            var chainPerStep = TimeSpan.Zero;
            var commitsPerStep = 0.0;
            foreach (var chain in new[] { false, true })
            {
                var yaml = Playbook(count, chain);
                var playbook = new PlaybookValidator().ValidateText(yaml, "bench.yaml").Playbook!;
                await Engine(engine, playbook, yaml);
                await Direct(playbook);
                var direct = await Timings.MedianAsync(runs, () => Direct(playbook));
                var full = await Timings.MedianAsync(runs, () => Engine(engine, playbook, yaml));
                var overhead = full - direct;
                chainPerStep = full / count;
                var before = engine.History.CommittedTransactions;
                await Engine(engine, playbook, yaml);
                commitsPerStep = (double)(engine.History.CommittedTransactions - before) / count;
                Console.WriteLine($"{(chain ? "chain (each needs one)" : "independent, conc. 4"),-22} {Timings.Millis(direct),11} {Timings.Millis(full),11} {count / full.TotalSeconds,9:F0} {Timings.Micros(full, count),11} {Timings.Micros(overhead, count),13} {full / direct,6:F1}x");
            }

            // The peer in the same run: one SQLite commit of one small row, what a step with a commit of its own cannot go below.
            var commit = SqliteCommitPeer.Median(directory);
            Console.WriteLine($"no-op step with durable history (chain, median run): ours {chainPerStep.TotalMicroseconds:F1} µs per step; peer: one SQLite commit (WAL, synchronous=NORMAL, p50 of 2000) {commit.TotalMicroseconds:F1} µs; ratio {chainPerStep / commit:F2}x (goal: ≤ 60 µs); {commitsPerStep:F3} commits per step (the execution's own included)");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task Engine(PlaybookEngine engine, PlaybookDefinition playbook, string yaml)
    {
        var state = await engine.RunAsync(new ExecutionRequest { Playbook = playbook, Content = yaml, StartedBy = "bench" }, null, CancellationToken.None);
        if (state.Status != ExecutionStatus.Completed)
        {
            throw new InvalidOperationException($"the benchmark playbook ended {state.Status}");
        }
    }

    /// <summary>The peer: the same actions, rendered and run one after another, with no engine around them.</summary>
    private static async Task Direct(PlaybookDefinition playbook)
    {
        var handlers = new Dictionary<string, IActionHandler> { ["set"] = new SetActionHandler(), ["log"] = new LogActionHandler() };
        var scope = new ExpressionScope();
        scope.Add("inputs", Value.From(Array.Empty<KeyValuePair<string, Value>>()));
        var log = new DiscardLog();
        foreach (var step in playbook.Steps)
        {
            var invocation = new ActionInvocation { ExecutionId = "x", StepId = step.Id, Arguments = step.With.Render(scope), Log = log };
            await handlers[step.Action].RunAsync(invocation, CancellationToken.None);
        }
    }

    internal static string Playbook(int count, bool chain)
    {
        var text = new StringBuilder("id: bench-noop\nname: No-op\nversion: 1.0.0\nsteps:\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("  - id: s").Append(i).Append('\n');
            if (chain && i > 0)
            {
                text.Append("    needs: [s").Append(i - 1).Append("]\n");
            }

            text.Append(i % 2 == 0 ? "    action: set\n    with: { n: " + i + " }\n" : "    action: log\n    with: { message: \"step " + i + "\", level: debug }\n");
        }

        return text.ToString();
    }

    private sealed class DiscardLog : IActionLog
    {
        public void Write(ExecutionLogLevel level, string message)
        {
        }
    }
}
