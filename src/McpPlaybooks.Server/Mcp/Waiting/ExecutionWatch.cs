using System.Threading.Channels;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// Hears one execution for a call that waits on it: its step changes and log lines go into a channel that
/// <see cref="ExecutionWaiter"/> turns into notifications. Start watching before acting (starting, deciding, controlling),
/// so that what the action causes is heard. Once disposed it drops what it hears; the engine may hold it until the
/// execution ends (an observer given to <see cref="PlaybookEngine.StartAsync"/>), which costs nothing more.
/// </summary>
internal sealed class ExecutionWatch : IExecutionObserver, IDisposable
{
    private readonly Channel<ExecutionEvent> _events = Channel.CreateUnbounded<ExecutionEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<ExecutionState> _states = Channel.CreateUnbounded<ExecutionState>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, StepStatus> _seen = new(StringComparer.Ordinal);
    private IDisposable? _subscription;

    private ExecutionWatch()
    {
    }

    /// <summary>The execution watched; null until <see cref="BindAsync"/> for a watch made by <see cref="BeforeStart"/>.</summary>
    public string? ExecutionId { get; private set; }

    public ChannelReader<ExecutionEvent> Events => _events.Reader;

    /// <summary>The execution's state after each change (how a child's gate shows in its parent, which keeps running).</summary>
    public ChannelReader<ExecutionState> States => _states.Reader;

    /// <summary>The status of each step when watching began; a step missing here was pending.</summary>
    public IReadOnlyDictionary<string, StepStatus> Seen => _seen;

    /// <summary>How many steps the execution has (for "3 of 5 steps done").</summary>
    public int StepCount { get; private set; }

    /// <summary>A watch to pass as the observer of <see cref="PlaybookEngine.StartAsync"/>: it hears the execution from its first change.</summary>
    public static ExecutionWatch BeforeStart() => new();

    /// <summary>Watches an execution that exists, from now on; null when the id is unknown.</summary>
    public static async Task<ExecutionWatch?> FollowAsync(PlaybookEngine engine, string executionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var watch = new ExecutionWatch { ExecutionId = executionId };
        watch._subscription = engine.Observe(executionId, watch);
        var state = await engine.GetStateAsync(executionId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            watch.Dispose();
            return null;
        }

        watch.Initial = state;
        watch.Remember(state);
        return watch;
    }

    /// <summary>
    /// Binds a <see cref="BeforeStart"/> watch to what the start gave. An existing execution (an idempotency key, an identical
    /// active run) was not started with this observer: it is watched from now on.
    /// </summary>
    public async Task BindAsync(PlaybookEngine engine, ExecutionStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(start);
        ExecutionId = start.ExecutionId;
        if (start.Existing)
        {
            _subscription = engine.Observe(start.ExecutionId, this);
        }

        var state = await engine.GetStateAsync(start.ExecutionId, cancellationToken).ConfigureAwait(false);
        if (state is not null)
        {
            StepCount = state.Steps.Count;
            if (start.Existing)
            {
                Remember(state);
            }
        }
    }

    public void ExecutionChanged(ExecutionState state) => _states.Writer.TryWrite(state);

    public void StepChanged(string executionId, StepState step) => _events.Writer.TryWrite(new ExecutionEvent(executionId, step, null));

    public void LogWritten(ExecutionLogRecord entry) => _events.Writer.TryWrite(new ExecutionEvent(entry.ExecutionId, null, entry));

    public void Dispose()
    {
        _subscription?.Dispose();
        _events.Writer.TryComplete();
        _states.Writer.TryComplete();
    }

    /// <summary>The state read when <see cref="FollowAsync"/> began watching (null for a watch bound at a start).</summary>
    public ExecutionState? Initial { get; private set; }

    private void Remember(ExecutionState state)
    {
        StepCount = state.Steps.Count;
        foreach (var step in state.Steps)
        {
            _seen[step.Id] = step.Status;
        }
    }
}
