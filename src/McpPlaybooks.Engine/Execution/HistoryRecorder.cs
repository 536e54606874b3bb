using McpPlaybooks.Engine.Actions;
using System.Collections.Concurrent;
using System.Globalization;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Writes one execution's changes to history, masked, and tells the observer once they are committed.
/// Every state change is awaited before the run goes on, but for a pure step's end (<see cref="SaveStepLaterAsync"/>);
/// log lines and those ends are queued and committed with the next change, in the order they came.
/// </summary>
internal sealed class HistoryRecorder(HistoryStore store, SecretMasker masker, IExecutionObserver? observer, TimeProvider time, string executionId)
{
    /// <summary>The largest output stored as JSON; a bigger one is replaced by a note saying so.</summary>
    private const int MaxStoredJson = 1024 * 1024;

    /// <summary>Pure steps' ends held for the next commit, at most; one more is committed at once, with them.</summary>
    public const int MaxHeldSteps = 32;

    /// <summary>The largest output a held step's end may carry; a bigger one is committed at once.</summary>
    private const int MaxHeldOutput = 64 * 1024;

    private readonly ConcurrentQueue<Held> _held = new();
    private readonly AttemptOutputBudget _attemptOutputs = new();
    private readonly SemaphoreSlim _order = new(1, 1);
    private int _heldSteps;

    /// <summary>The lease epoch this run's writes are fenced at (<see cref="RunFence"/>).</summary>
    public RunFence Fence { get; } = new(executionId);

    /// <summary>Where the execution's expressions register what they derive from its secrets, so that it is masked too.</summary>
    public DerivedSecrets Derived { get; } = masker.Derived ?? new DerivedSecrets();

    public string Mask(string text) => masker.Apply(text);

    /// <summary>The store's key for the digest of the execution's secret inputs (<see cref="SecretInputsDigest"/>).</summary>
    public byte[] SecretInputsKey => store.SecretInputsKey;

    /// <summary>The execution's masker, for actions that cut text before it is recorded.</summary>
    public SecretMasker Masker => masker;

    public Value Mask(Value value) => masker.Apply(value);

    /// <summary>An action's output with its strings that hold a secret tainted, so that what is derived from them is masked too.</summary>
    public Value TaintKnown(Value output) => masker.TaintKnown(output);

    /// <summary>The value as masked JSON, bounded; null for a null value.</summary>
    public string? Json(Value value)
    {
        if (value.Kind == ValueKind.Null)
        {
            return null;
        }

        return Bounded(masker.Apply(value));
    }

    /// <summary>
    /// An attempt's output as masked JSON, bounded on its own and by what its step's attempts store together
    /// (<see cref="AttemptOutputBudget"/>); null for a null value.
    /// </summary>
    public string? AttemptJson(string stepId, Value value) => Json(value) is { } json ? _attemptOutputs.Take(stepId, json) : null;

    /// <summary>Counts the outputs the attempts of a restored run stored, against their steps' budgets.</summary>
    public void CountStoredAttempts(IEnumerable<StepAttemptRecord> attempts) => _attemptOutputs.Seed(attempts);

    /// <summary>
    /// The value as JSON when it is at most <see cref="MaxStoredJson"/> characters, else a note saying so; a value known
    /// to be longer (a loop's combined outputs) is never written out.
    /// </summary>
    private static string Bounded(Value value) =>
        value.ToJson(MaxStoredJson)
        ?? Value.From(string.Create(CultureInfo.InvariantCulture,
            $"[output of more than {MaxStoredJson:N0} characters (at least {value.JsonLength:N0}) not stored]")).ToJson();

    /// <summary>Commits the writes, after every log line and step's end held so far, in one transaction.</summary>
    public Task WriteAsync(IReadOnlyList<HistoryWrite> writes) => WriteAsync(writes, changed: []);

    /// <summary>
    /// Commits the execution's start, only while its <paramref name="claim"/> holds in the transaction (else it faults with
    /// <see cref="History.Starts.StartOvertakenException"/> and stores nothing).
    /// </summary>
    public Task WriteStartAsync(IReadOnlyList<HistoryWrite> writes, History.Starts.StartClaim claim) => WriteAsync(writes, changed: [], claim);

    /// <summary>
    /// Commits the writes after what is held, then tells the observer of what was held and of the steps <paramref name="changed"/>.
    /// One at a time for the run: a held step's end is told before any step it let start, as when each had its own commit.
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<HistoryWrite> writes, IReadOnlyList<StepState> changed, History.Starts.StartClaim? claim = null)
    {
        await _order.WaitAsync().ConfigureAwait(false);
        try
        {
            var held = TakeHeld();
            IReadOnlyList<HistoryWrite> all = held.Count == 0 ? writes : [.. held.SelectMany(h => h.Writes), .. writes];
            await (claim is null ? store.WriteAsync(all, Fence) : store.WriteStartAsync(all, Fence, claim)).ConfigureAwait(false);
            if (observer is null)
            {
                return;
            }

            held.ForEach(item => item.Tell(observer, executionId));
            foreach (var state in changed)
            {
                observer.StepChanged(executionId, state);
            }
        }
        finally
        {
            _order.Release();
        }
    }

    /// <summary>Saves a step's state (and optionally an attempt) in one commit, then tells the observer.</summary>
    public Task SaveStepAsync(StepState state, int position, StepAttemptRecord? attempt = null, bool blocked = false) =>
        WriteAsync(StepWrites(StepRecord(state, position, blocked), attempt), [state]);

    /// <summary>Saves several steps' states and <paramref name="more"/> in one commit, then tells the observer of each step.</summary>
    public Task SaveStepsAsync(IReadOnlyList<(StepState State, int Position)> steps, IReadOnlyList<HistoryWrite> more) =>
        WriteAsync([.. steps.Select(step => new HistoryWrite.SaveStepState(StepRecord(step.State, step.Position, blocked: false))), .. more], [.. steps.Select(step => step.State)]);

    /// <summary>
    /// The end of a pure step (<see cref="Actions.ActionDescriptor.IsPure"/>: it touched nothing outside the engine), with its
    /// attempt, held for the execution's next commit instead of a commit of its own; the observer is told once it is committed.
    /// Every other write commits what is held first, so nothing that acts on the world runs before it is durable; the drive
    /// commits it before it waits for a step that is not pure (<see cref="FlushAsync"/>). A crash before then loses only
    /// steps that run again alike. Past <see cref="MaxHeldSteps"/>, or for a large output, it is committed at once.
    /// </summary>
    public Task SaveStepLaterAsync(StepState state, int position, StepAttemptRecord attempt)
    {
        var record = StepRecord(state, position, blocked: false);
        var writes = StepWrites(record, attempt);
        if ((record.OutputJson?.Length ?? 0) > MaxHeldOutput)
        {
            return WriteAsync(writes, [state]);
        }

        if (Interlocked.Increment(ref _heldSteps) > MaxHeldSteps)
        {
            Interlocked.Decrement(ref _heldSteps);
            return WriteAsync(writes, [state]);
        }

        _held.Enqueue(new Held(writes, null, state));
        return Task.CompletedTask;
    }

    /// <summary>Commits what is held (steps' ends, log lines), if a step's end is.</summary>
    public Task FlushAsync() => Volatile.Read(ref _heldSteps) > 0 ? WriteAsync([]) : Task.CompletedTask;

    private static HistoryWrite[] StepWrites(StepStateRecord record, StepAttemptRecord? attempt) => attempt is null
        ? [new HistoryWrite.SaveStepState(record)]
        : [new HistoryWrite.SaveAttempt(attempt), new HistoryWrite.SaveStepState(record)];

    private StepStateRecord StepRecord(StepState state, int position, bool blocked) => new()
    {
        ExecutionId = executionId,
        StepId = state.Id,
        Position = position,
        Status = state.Status,
        Attempts = state.Attempts,
        StartedAt = state.StartedAt,
        EndedAt = state.EndedAt,
        OutputJson = state.Output.Kind == ValueKind.Null ? null : Bounded(state.Output),
        ErrorCategory = state.Error?.Category,
        ErrorMessage = state.Error?.Message,
        PlanJson = state.Plan is null ? null : StepPlanJson.ToJson(state.Plan),
        Blocked = blocked,
    };

    public Task SaveAttemptAsync(StepAttemptRecord attempt) => WriteAsync([new HistoryWrite.SaveAttempt(attempt)]);

    /// <summary>Queues a masked log line; it is committed with the execution's next write.</summary>
    public void Log(string? stepId, ExecutionLogLevel level, string message)
    {
        var record = new ExecutionLogRecord
        {
            ExecutionId = executionId,
            StepId = stepId,
            Level = level,
            Message = Mask(message),
            At = time.GetUtcNow(),
        };
        _held.Enqueue(new Held([new HistoryWrite.AppendLog(record)], record, null));
    }

    public IActionLog For(string stepId) => new StepLog(this, stepId);

    private List<Held> TakeHeld()
    {
        var held = new List<Held>();
        var steps = 0;
        while (_held.TryDequeue(out var item))
        {
            held.Add(item);
            steps += item.Step is null ? 0 : 1;
        }

        if (steps > 0)
        {
            Interlocked.Add(ref _heldSteps, -steps);
        }

        return held;
    }

    /// <summary>What waits for the next commit: a log line, or a pure step's end.</summary>
    private sealed record Held(HistoryWrite[] Writes, ExecutionLogRecord? Log, StepState? Step)
    {
        public void Tell(IExecutionObserver observer, string executionId)
        {
            if (Log is not null)
            {
                observer.LogWritten(Log);
            }
            else if (Step is not null)
            {
                observer.StepChanged(executionId, Step);
            }
        }
    }

    private sealed class StepLog(HistoryRecorder recorder, string stepId) : IActionLog
    {
        public void Write(ExecutionLogLevel level, string message) => recorder.Log(stepId, level, message);
    }
}
