using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>
/// The waits of an execution's timeline, from what the history keeps: its gates (requested, then decided), the gaps
/// between one attempt's end and the next attempt's start of the same call (a retry's backoff; still open while the step
/// runs after a failed attempt), and its pauses (the audit's <c>pause</c> up to the next <c>resume</c> or <c>cancel</c>).
/// </summary>
internal static class TimelineWaits
{
    /// <summary>The gate of <c>safety.require_approval</c>, before any step: the execution's, not a step's.</summary>
    private const string StartGate = "_start";

    public static List<WaitView> From(
        ExecutionRecord record,
        ExecutionState state,
        IReadOnlyList<StepAttemptRecord> attempts,
        IReadOnlyList<ApprovalRecord> approvals,
        IReadOnlyList<AuditRecord> audit)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(state);
        var waits = new List<WaitView>();
        waits.AddRange(approvals.Select(gate => new WaitView
        {
            Kind = "approval",
            StepId = gate.StepId == StartGate ? null : gate.StepId,
            StartedAt = gate.CreatedAt,
            EndedAt = gate.Status == ApprovalStatus.Pending ? null : gate.ResolvedAt ?? record.EndedAt ?? gate.CreatedAt,
        }));
        waits.AddRange(Backoffs(record, state, attempts));
        waits.AddRange(Pauses(record, audit));
        return waits;
    }

    private static IEnumerable<WaitView> Backoffs(ExecutionRecord record, ExecutionState state, IReadOnlyList<StepAttemptRecord> attempts)
    {
        var running = state.Steps.Where(step => step.Status == StepStatus.Running).Select(step => step.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var call in attempts.GroupBy(attempt => (attempt.StepId, attempt.Kind, attempt.Iteration)))
        {
            var ordered = call.OrderBy(attempt => attempt.Attempt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i - 1].EndedAt is { } end && ordered[i].StartedAt > end)
                {
                    yield return Backoff(ordered[i], end, ordered[i].StartedAt);
                }
            }

            var last = ordered[^1];
            if (last.Status == StepStatus.Failed && last.EndedAt is { } failedAt && record.EndedAt is null
                && call.Key.Kind == AttemptKind.Step && running.Contains(call.Key.StepId))
            {
                yield return Backoff(last with { Attempt = last.Attempt + 1 }, failedAt, null);
            }
        }
    }

    private static WaitView Backoff(StepAttemptRecord next, DateTimeOffset from, DateTimeOffset? to) => new()
    {
        Kind = "backoff",
        StepId = next.StepId,
        Iteration = next.Iteration,
        Attempt = next.Attempt,
        StartedAt = from,
        EndedAt = to,
    };

    private static IEnumerable<WaitView> Pauses(ExecutionRecord record, IReadOnlyList<AuditRecord> audit)
    {
        var pause = EnumNames.ToName(ControlAction.Pause);
        string[] ends = [EnumNames.ToName(ControlAction.Resume), EnumNames.ToName(ControlAction.Cancel)];
        DateTimeOffset? since = null;
        foreach (var entry in audit.Where(entry => entry.SubjectType == "execution").OrderBy(entry => entry.Id))
        {
            if (entry.Action == pause)
            {
                since ??= entry.At;
            }
            else if (since is { } from && ends.Contains(entry.Action))
            {
                yield return new WaitView { Kind = "paused", StartedAt = from, EndedAt = entry.At };
                since = null;
            }
        }

        if (since is { } open)
        {
            yield return new WaitView { Kind = "paused", StartedAt = open, EndedAt = record.EndedAt };
        }
    }
}
