using McpPlaybooks.Engine.Execution.Approvals;
using System.Collections;
using System.Globalization;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>
/// What <c>park</c> and <c>restart</c> share: the gated playbook (a <c>log</c> step, then a gate with a 15 minute
/// timeout), the long-wait playbook, starting many executions a few at a time, and reading the process's memory.
/// </summary>
internal static class ParkedExecutions
{
    /// <summary>How many executions are started at once.</summary>
    public const int Concurrency = 8;

    /// <summary>A <c>log</c> step, then a gate with a 15 minute timeout (its deadline is watched) before a <c>set</c>.</summary>
    public static readonly string GatedYaml = Playbook("bench-park", "Parked at a gate", """
          - id: gate
            needs: [note]
            approval: { message: "Go on?", approvers: [oncall], timeout: 15m }
            action: set
            with: { done: true }
        """);

    /// <summary>A <c>log</c> step, then a 10 minute <c>wait</c> (idempotent: re-run by a takeover).</summary>
    public static readonly string WaitingYaml = Playbook("bench-hold", "Holding in a long wait", """
          - id: hold
            needs: [note]
            action: wait
            with: { duration: 10m }
        """);

    public static PlaybookDefinition Load(string yaml)
    {
        var report = new PlaybookValidator().ValidateText(yaml, "bench.yaml");
        return report.Playbook ?? throw new InvalidOperationException("the benchmark playbook does not validate: " + string.Join("; ", report.Diagnostics.Select(d => d.Message)));
    }

    /// <summary>An engine on <paramref name="directory"/> as every in-process benchmark opens it: the system clock, no logging, no secrets.</summary>
    public static Task<PlaybookEngine> OpenAsync(string directory, TimeSpan? leaseDuration = null) =>
        PlaybookEngine.OpenAsync(
            new EngineOptions { DataDirectory = directory, LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(15) },
            TimeProvider.System,
            NullLoggerFactory.Instance,
            new Hashtable(),
            CancellationToken.None);

    public static ExecutionRequest Request(PlaybookDefinition playbook, string yaml, int n) => new()
    {
        Playbook = playbook,
        Content = yaml,
        Inputs = new Dictionary<string, Value>(StringComparer.Ordinal) { ["n"] = Value.From(n) },
        StartedBy = "bench",
    };

    /// <summary>
    /// Starts executions <paramref name="first"/> .. <paramref name="first"/>+<paramref name="count"/>-1, <see cref="Concurrency"/>
    /// at a time, each waited for until it parks (or, with <paramref name="park"/> false, only started); returns their ids.
    /// </summary>
    public static async Task<string[]> StartAsync(PlaybookEngine engine, string yaml, int first, int count, bool park)
    {
        var playbook = Load(yaml);
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, token) =>
        {
            var start = await engine.StartAsync(Request(playbook, yaml, first + i), null, token);
            if (start.Existing)
            {
                throw new InvalidOperationException($"execution {first + i} was not new: {start.Note}");
            }

            ids[i] = start.ExecutionId;
            if (park)
            {
                var state = await engine.WaitAsync(start.ExecutionId, Timeout.InfiniteTimeSpan, token);
                if (state.Status != ExecutionStatus.WaitingApproval)
                {
                    throw new InvalidOperationException($"execution {start.ExecutionId} did not park at its gate: {state.Status} {state.Error?.Message}");
                }
            }
        });
        return ids;
    }

    /// <summary>Approves each gate, <see cref="Concurrency"/> at a time, and waits until each execution has completed.</summary>
    public static Task ApproveAsync(PlaybookEngine engine, IEnumerable<string> ids) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (id, token) =>
        {
            await engine.DecideAsync(new ApprovalRequest { ExecutionId = id, StepId = "gate", Approve = true, By = ApproverIdentity.Cli("approver", roles: ["oncall"]) }, token);
            var state = await engine.WaitAsync(id, Timeout.InfiniteTimeSpan, token);
            if (state.Status != ExecutionStatus.Completed)
            {
                throw new InvalidOperationException($"execution {id} did not complete once approved: {state.Status} {state.Error?.Message}");
            }
        });

    /// <summary>The resident set and the managed heap after a full, compacting collection.</summary>
    public static (long Rss, long Managed) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        return (Environment.WorkingSet, managed);
    }

    private static string Playbook(string id, string name, string lastStep) => $$$"""
        id: {{{id}}}
        name: {{{name}}}
        version: 1.0.0
        inputs:
          n: { type: number }
        steps:
          - id: note
            action: log
            with: { message: "execution {{ inputs.n }}", level: debug }

        """ + lastStep + "\n";

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    public static int Count(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
