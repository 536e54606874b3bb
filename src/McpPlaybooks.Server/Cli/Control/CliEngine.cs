using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Server.Cli.Run;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>
/// The engine as a command opens it: on the data directory, taking over (unless told not to) every unfinished execution
/// whose process is gone. Before it is disposed, <see cref="FinishAsync"/> waits until every execution this process
/// drives has ended or parked, so that no resumed or decided execution is abandoned mid-step, and says what became of
/// the executions it resumed on opening.
/// </summary>
internal sealed class CliEngine : IAsyncDisposable
{
    private static readonly TimeSpan NoticeAfter = TimeSpan.FromSeconds(2);

    private readonly CliContext _context;

    /// <summary>The executions resumed on opening that were running then (not parked), or had steps re-run or interrupted.</summary>
    private readonly IReadOnlyList<string> _active;

    private readonly string _successor;

    private CliEngine(PlaybookEngine engine, CliContext context, IReadOnlyList<string> active, string successor)
    {
        Engine = engine;
        _context = context;
        _active = active;
        _successor = successor;
    }

    public PlaybookEngine Engine { get; }

    /// <summary>
    /// Whether a command that acts on one execution (<c>run</c>, <c>approve</c>, <c>control</c>) also takes over the
    /// unfinished executions nobody holds when it opens the engine. On an SQLite file, yes: nothing else would. On a shared
    /// PostgreSQL, no: the servers take them over, and a command run from a laptop must not start driving (and running the
    /// shell steps of) the whole cluster's orphans; <c>resume</c> does that when asked.
    /// </summary>
    public static bool ResumesOnOpen(HistoryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Location.Kind == StoreKind.Sqlite;
    }

    /// <summary>
    /// The engine's options for a command: its history (<paramref name="target"/>) and the environment's settings. Null
    /// when a setting cannot be read: each problem is written to stderr, and the command exits 2.
    /// </summary>
    public static EngineOptions? ReadOptions(HistoryTarget target, CliContext context, bool resumeOnOpen)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        var options = EngineOptionsFromEnvironment.Read(
            target.DataDirectory,
            context.Environment,
            problems,
            PlaybookLocator.Folders(context.CurrentDirectory),
            resumeOnOpen,
            context.CurrentDirectory,
            target.Location);
        problems.ForEach(problem => context.Error.WriteLine($"error: {problem}"));
        return problems.Count == 0 ? options : null;
    }

    /// <summary>
    /// Opens the engine, runs <paramref name="command"/> on it and disposes it. A failure of the history or the secrets
    /// file, or Ctrl+C (said as <c>error: </c><paramref name="cancelled"/>), is one line on stderr and exit 1.
    /// </summary>
    public static async Task<int> UseAsync(
        EngineOptions options,
        HistoryTarget target,
        CliContext context,
        string cancelled,
        Func<CliEngine, Task<int>> command,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            await using var session = await OpenAsync(options, context, Successor(target), cancellationToken);
            return await command(session);
        }
        catch (Exception e) when (EngineFailure.Describe(e, target) is { } message)
        {
            context.Error.WriteLine(message);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine($"error: {cancelled}");
            return ExitCodes.Failure;
        }
    }

    private static async Task<CliEngine> OpenAsync(EngineOptions options, CliContext context, string successor, CancellationToken cancellationToken)
    {
        // Read before the engine takes them over: after, one parked all along and one that ran on to a gate look alike.
        var parked = options.ResumeOnOpen ? await ParkedAsync(options.History, cancellationToken) : [];
        var engine = await PlaybookEngine.OpenAsync(options, TimeProvider.System, NullLoggerFactory.Instance, cancellationToken);
        var report = engine.LastResume;

        // An execution parked at a gate or a pause by a process that exited is taken over too, and stays parked: not news.
        var active = report.Resumed
            .Where(id => !parked.Contains(id) || ResumedSteps.Rerun(report, id).Count > 0 || ResumedSteps.Interrupted(report, id).Count > 0)
            .ToList();
        return new CliEngine(engine, context, active, successor);
    }

    /// <summary>Who takes over what this process leaves running: on a file, the next process on it; on a shared database, its servers.</summary>
    internal static string Successor(HistoryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Location.Kind == StoreKind.Sqlite
            ? "the next process that opens the data directory (run 'resume')"
            : "a server on the same database once the leases expire (or 'resume' then)";
    }

    /// <summary>
    /// Waits until nothing this process drives is running, then writes to stderr one line per execution resumed on
    /// opening that was running or had a step in flight (but <paramref name="reported"/>, which the command tells of itself). Ctrl+C stops the wait: executions
    /// still running here are left to their lease, and the next process to open the data directory takes them over.
    /// </summary>
    public async Task FinishAsync(IReadOnlyCollection<string> reported, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var idle = Engine.WaitIdleAsync(cancellationToken);

        // Said only when the wait is long enough to be noticed: a run that parks settles within moments.
        if (await Task.WhenAny(idle, Task.Delay(NoticeAfter, TimeProvider.System, CancellationToken.None)) != idle)
        {
            _context.Error.WriteLine($"waiting for the executions this process runs to end or park before exiting (Ctrl+C leaves them to {_successor})");
        }

        try
        {
            await idle;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _context.Error.WriteLine($"stopped waiting: the executions still running here are taken over by {_successor}");
            return;
        }

        foreach (var id in _active.Where(id => !reported.Contains(id)))
        {
            var state = await Engine.GetStateAsync(id, CancellationToken.None);
            var status = state is null ? "unknown" : EnumNames.ToName(state.Status);
            var playbook = state is null ? "" : $" ({state.PlaybookId} {state.PlaybookVersion})";
            _context.Error.WriteLine($"resumed execution {id}{playbook}, left unfinished by a process that stopped{Details(Engine.LastResume, id)}: now {status}");
        }
    }

    /// <summary>The unfinished executions parked (at a gate, or paused) before the engine opens and takes them over.</summary>
    private static async Task<HashSet<string>> ParkedAsync(HistoryLocation location, CancellationToken cancellationToken)
    {
        if (!await HistoryPresence.ExistsAsync(location, cancellationToken))
        {
            return [];
        }

        await using var store = await HistoryStore.OpenAsync(location, TimeProvider.System, logger: null, killAfterCommits: null, checkBeside: false, cancellationToken);
        var unfinished = await store.ListUnfinishedAsync(cancellationToken);
        return [.. unfinished.Where(e => e.Status is ExecutionStatus.WaitingApproval or ExecutionStatus.Paused).Select(e => e.Id)];
    }

    /// <summary>"; re-ran a, b; interrupted c" for one execution of a resume report, or nothing.</summary>
    public static string Details(ResumeReport report, string executionId)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rerun = ResumedSteps.Rerun(report, executionId);
        var interrupted = ResumedSteps.Interrupted(report, executionId);
        return (rerun.Count > 0 ? $"; re-ran {string.Join(", ", rerun)}" : "")
            + (interrupted.Count > 0 ? $"; interrupted {string.Join(", ", interrupted)}" : "");
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
