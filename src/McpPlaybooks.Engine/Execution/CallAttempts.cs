using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// How a run numbers the attempts of its calls (<c>verify</c>, <c>rollback</c>, <c>finally</c>): after the highest that
/// history holds for the same call and iteration, so that a call run again (after a takeover, at a later end of a reopened
/// execution, for a step's next attempt) adds its attempts to those made before instead of writing over them. A call whose
/// attempt a takeover found in flight (recorded interrupted then) is told once, when it runs again, with the attempts of
/// its run that had failed before it (those numbered just below it, failed): they count against its retries.
/// </summary>
internal sealed class CallAttempts
{
    private readonly Dictionary<(AttemptKind Kind, string RecordId, int? Iteration), int> _highest = [];
    private readonly Dictionary<(AttemptKind Kind, string RecordId, int? Iteration), Interrupted> _interrupted = [];
    private readonly HashSet<(AttemptKind Kind, string RecordId, int? Iteration, int Attempt)> _failed = [];
    private readonly Lock _lock = new();
    private List<StepAttemptRecord> _inFlight = [];

    /// <summary>Numbers after the calls' attempts in <paramref name="attempts"/> (a step's own are left out); those recorded running were in flight.</summary>
    public static CallAttempts After(IEnumerable<StepAttemptRecord> attempts)
    {
        var calls = new CallAttempts();
        foreach (var attempt in attempts.Where(attempt => attempt.Kind != AttemptKind.Step))
        {
            var key = (attempt.Kind, attempt.StepId, attempt.Iteration);
            calls._highest[key] = Math.Max(calls._highest.GetValueOrDefault(key), attempt.Attempt);
            if (attempt.Status == StepStatus.Running)
            {
                calls._inFlight.Add(attempt);
            }
            else if (attempt.Status == StepStatus.Failed)
            {
                calls._failed.Add((attempt.Kind, attempt.StepId, attempt.Iteration, attempt.Attempt));
            }
        }

        return calls;
    }

    /// <summary>The number of the call's next attempt, taken now.</summary>
    public int Next(AttemptKind kind, string recordId, int? iteration)
    {
        lock (_lock)
        {
            var next = _highest.GetValueOrDefault((kind, recordId, iteration)) + 1;
            _highest[(kind, recordId, iteration)] = next;
            return next;
        }
    }

    /// <summary>
    /// The attempts that were in flight when the process that recorded them died, once (for the takeover to record them
    /// interrupted); each call is told of its own when it runs again (<see cref="TakeInterrupted"/>).
    /// </summary>
    public List<StepAttemptRecord> TakeInFlight()
    {
        lock (_lock)
        {
            var taken = _inFlight;
            _inFlight = [];
            taken.ForEach(attempt => _interrupted[(attempt.Kind, attempt.StepId, attempt.Iteration)] = new(attempt.Attempt, FailedBefore(attempt)));
            return taken;
        }
    }

    /// <summary>The interrupted attempt of the call about to run again after a takeover; null when it has none (or was told already).</summary>
    public Interrupted? TakeInterrupted(AttemptKind kind, string recordId, int? iteration)
    {
        lock (_lock)
        {
            return _interrupted.Remove((kind, recordId, iteration), out var interrupted) ? interrupted : null;
        }
    }

    /// <summary>How many attempts numbered just below <paramref name="attempt"/>, one after another, failed: its run's before it.</summary>
    private int FailedBefore(StepAttemptRecord attempt)
    {
        var count = 0;
        while (_failed.Contains((attempt.Kind, attempt.StepId, attempt.Iteration, attempt.Attempt - count - 1)))
        {
            count++;
        }

        return count;
    }

    /// <summary>A call's attempt found in flight by a takeover, and how many attempts of its run had failed before it.</summary>
    public sealed record Interrupted(int Attempt, int FailedBefore);
}
