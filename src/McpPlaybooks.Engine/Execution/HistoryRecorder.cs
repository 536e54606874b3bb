using McpPlaybooks.Engine.Actions;
using System.Collections.Concurrent;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Writes one execution's changes to history, masked, and tells the observer once they are committed.
/// Every state change is awaited before the run goes on; log lines are queued and committed with the next change.
/// </summary>
internal sealed class HistoryRecorder(HistoryStore store, SecretMasker masker, IExecutionObserver? observer, TimeProvider time, string executionId)
{
    /// <summary>The largest output stored as JSON; a bigger one is replaced by a note saying so.</summary>
    private const int MaxStoredJson = 1024 * 1024;

    private readonly ConcurrentQueue<ExecutionLogRecord> _pendingLogs = new();

    /// <summary>The lease epoch this run's writes are fenced at (<see cref="RunFence"/>).</summary>
    public RunFence Fence { get; } = new(executionId);

    /// <summary>Where the execution's expressions register what they derive from its secrets, so that it is masked too.</summary>
    public DerivedSecrets Derived { get; } = masker.Derived ?? new DerivedSecrets();

    public string Mask(string text) => masker.Apply(text);

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

        var json = masker.Apply(value).ToJson();
        return json.Length <= MaxStoredJson ? json : Value.From($"[output of {json.Length} characters not stored: over {MaxStoredJson}]").ToJson();
    }

    /// <summary>Commits the writes, with every log line queued so far, in one transaction.</summary>
    public async Task WriteAsync(IReadOnlyList<HistoryWrite> writes)
    {
        var logs = DrainLogs();
        if (logs.Count == 0)
        {
            await store.WriteAsync(writes, Fence).ConfigureAwait(false);
            return;
        }

        await store.WriteAsync([.. writes, .. logs.Select(l => new HistoryWrite.AppendLog(l))], Fence).ConfigureAwait(false);
        if (observer is not null)
        {
            logs.ForEach(observer.LogWritten);
        }
    }

    /// <summary>Saves a step's state (and optionally an attempt) in one commit, then tells the observer.</summary>
    public async Task SaveStepAsync(StepState state, int position, StepAttemptRecord? attempt = null, bool blocked = false)
    {
        var record = new StepStateRecord
        {
            ExecutionId = executionId,
            StepId = state.Id,
            Position = position,
            Status = state.Status,
            Attempts = state.Attempts,
            StartedAt = state.StartedAt,
            EndedAt = state.EndedAt,
            OutputJson = state.Output.Kind == ValueKind.Null ? null : state.Output.ToJson(),
            ErrorCategory = state.Error?.Category,
            ErrorMessage = state.Error?.Message,
            PlanJson = state.Plan is null ? null : StepPlanJson.ToJson(state.Plan),
            Blocked = blocked,
        };
        HistoryWrite[] writes = attempt is null
            ? [new HistoryWrite.SaveStepState(record)]
            : [new HistoryWrite.SaveAttempt(attempt), new HistoryWrite.SaveStepState(record)];
        await WriteAsync(writes).ConfigureAwait(false);
        observer?.StepChanged(executionId, state);
    }

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
        _pendingLogs.Enqueue(record);
    }

    public IActionLog For(string stepId) => new StepLog(this, stepId);

    private List<ExecutionLogRecord> DrainLogs()
    {
        var logs = new List<ExecutionLogRecord>();
        while (_pendingLogs.TryDequeue(out var record))
        {
            logs.Add(record);
        }

        return logs;
    }

    private sealed class StepLog(HistoryRecorder recorder, string stepId) : IActionLog
    {
        public void Write(ExecutionLogLevel level, string message) => recorder.Log(stepId, level, message);
    }
}
