using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Execution.Hosting;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution;

/// <summary>Rebuilds an <see cref="ExecutionState"/> from history (everything stored there is already masked).</summary>
public static class StoredExecutionState
{
    /// <summary>The execution's state, or null when the id is unknown (a reader with no engine: the CLI's <c>show</c>).</summary>
    public static Task<ExecutionState?> LoadAsync(HistoryStore history, string executionId, CancellationToken cancellationToken) =>
        LoadAsync(history, executionId, new PinnedPlaybooks(history), SecretMasker.None, cancellationToken);

    /// <summary>
    /// The execution's state as a process that does not hold its run sees it. Its gates' message templates come from the
    /// playbook version it is pinned to (<paramref name="pinned"/>), masked by <paramref name="masker"/>, as the owner's run derives them.
    /// </summary>
    internal static async Task<ExecutionState?> LoadAsync(HistoryStore history, string executionId, PinnedPlaybooks pinned, SecretMasker masker, CancellationToken cancellationToken)
    {
        var record = await history.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var steps = await history.GetStepStatesAsync(executionId, cancellationToken).ConfigureAwait(false);
        var states = steps.OrderBy(s => s.Position).Select(s => new StepState
        {
            Id = s.StepId,
            Status = s.Status,
            Attempts = s.Attempts,
            StartedAt = s.StartedAt,
            EndedAt = s.EndedAt,
            Output = Value.FromJsonText(s.OutputJson),
            Error = s.ErrorCategory is { } category ? new StepError(category, s.ErrorMessage ?? "") : null,
            Plan = s.PlanJson is null ? null : StepPlanReader.Read(s.PlanJson),
        }).ToList();
        var finallyCalls = FinallyResults(await history.GetAttemptsAsync(executionId, AttemptKind.Finally, cancellationToken).ConfigureAwait(false));
        var children = await UnfinishedChildrenAsync(history, record, cancellationToken).ConfigureAwait(false);
        states = WithChildrenShown(record.Id, states, children);
        var pending = await PendingAsync(history, record, pinned, masker, cancellationToken).ConfigureAwait(false);
        pending.AddRange(await ChildGatesAsync(history, children, pinned, masker, depth: 0, cancellationToken).ConfigureAwait(false));
        var inputs = Value.FromJsonText(record.InputsJson);
        return new ExecutionState
        {
            ExecutionId = record.Id,
            PlaybookId = record.PlaybookId,
            PlaybookVersion = record.PlaybookVersion,
            Status = record.Status,
            DryRun = record.DryRun,
            StartedAt = record.StartedAt,
            EndedAt = record.EndedAt,
            Error = record.ErrorCategory is { } error ? new StepError(error, record.ErrorMessage ?? "") : null,
            Steps = states,
            Finally = finallyCalls,
            WouldFail = record.DryRun ? DryRunFindings.Of(states, finallyCalls) : [],
            PendingApprovals = pending,
            Outputs = record.OutputsJson is null ? Value.From(Array.Empty<KeyValuePair<string, Value>>()) : Value.FromJsonText(record.OutputsJson),
            NextActions = NextActions.For(record.Id, record.PlaybookId, record.Status, record.DryRun, inputs, states, pending),
        };
    }

    /// <summary>
    /// The <c>finally</c> calls from their attempts (of that kind only), in the order they ran: each with its last attempt's outcome, by
    /// attempt number, not start time (processes' clocks may disagree) (a
    /// call skipped by its when, or a dry run's plan of it, is recorded as an attempt 0).
    /// </summary>
    private static List<FinallyResult> FinallyResults(IReadOnlyList<StepAttemptRecord> attempts) =>
    [
        .. attempts.GroupBy(a => a.StepId, StringComparer.Ordinal).Select(calls =>
        {
            var last = calls.MaxBy(a => (a.Attempt, a.StartedAt))!;
            return new FinallyResult
            {
                Id = last.StepId,
                Action = last.Action,
                Status = last.Status,
                Error = last.ErrorCategory is { } category ? new StepError(category, last.ErrorMessage ?? "") : null,
                Plan = last.Status == StepStatus.NotRun && last.OutputJson is { } plan ? StepPlanReader.Read(plan) : null,
            };
        }),
    ];

    /// <summary>The gates still waiting, with their decisions so far; none for an ended execution.</summary>
    private static async Task<List<PendingApproval>> PendingAsync(HistoryStore history, ExecutionRecord record, PinnedPlaybooks pinned, SecretMasker masker, CancellationToken cancellationToken)
    {
        if (record.EndedAt is not null || record.DryRun)
        {
            return [];
        }

        var approvals = await history.GetApprovalsAsync(record.Id, cancellationToken).ConfigureAwait(false);
        var open = approvals.Where(a => a.Status == ApprovalStatus.Pending).ToList();
        if (open.Count == 0)
        {
            return [];
        }

        var decisions = await history.GetDecisionsAsync(record.Id, cancellationToken).ConfigureAwait(false);
        return await StoredGates.WithTemplatesAsync([.. open.Select(a => StoredGates.FromRecord(a, decisions))], record, pinned, masker, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The child executions (<c>playbook</c> steps) still unfinished; none for an ended execution, a dry run, or one too deep to have any.</summary>
    private static async Task<List<ExecutionRecord>> UnfinishedChildrenAsync(HistoryStore history, ExecutionRecord parent, CancellationToken cancellationToken, int depth = 0)
    {
        if (parent.EndedAt is not null || parent.DryRun || depth >= PlaybookAction.MaxDepth)
        {
            return [];
        }

        return [.. (await history.ListChildrenAsync(parent.Id, cancellationToken).ConfigureAwait(false)).Where(child => child.EndedAt is null && !child.DryRun)];
    }

    /// <summary>
    /// Each running step that waits for a child shows it as the owner's run does (<see cref="ShownChild"/>): the one a person
    /// must act on first (paused, then at a gate), else the latest started. So a reader off the owner sees a child paused at
    /// an interrupted step, and the next actions point at it.
    /// </summary>
    private static List<StepState> WithChildrenShown(string parentId, List<StepState> states, List<ExecutionRecord> children)
    {
        if (children.Count == 0)
        {
            return states;
        }

        return [.. states.Select(step =>
        {
            if (step.Status != StepStatus.Running)
            {
                return step;
            }

            var child = children
                .Where(c => ChildKey.IsOfStep(parentId, step.Id, c.IdempotencyKey))
                .OrderBy(c => c.Status switch { ExecutionStatus.Paused => 0, ExecutionStatus.WaitingApproval => 1, _ => 2 })
                .ThenByDescending(c => c.CreatedAt)
                .FirstOrDefault();
            return child is null ? step : step with { Output = ShownChild.Output(child.Id, child.Status) };
        })];
    }

    /// <summary>
    /// The open gates of <paramref name="children"/> (the unfinished child executions of <c>playbook</c> steps an execution
    /// waits for), each naming its child: a child's own, then those of its children, as far down as children nest. The
    /// owner's run shows the same among its pending approvals (<see cref="ChildGates"/>), so every process shows them and
    /// takes a decision on one through the parent's id.
    /// </summary>
    private static async Task<List<PendingApproval>> ChildGatesAsync(HistoryStore history, List<ExecutionRecord> children, PinnedPlaybooks pinned, SecretMasker masker, int depth, CancellationToken cancellationToken)
    {
        var gates = new List<PendingApproval>();
        foreach (var child in children)
        {
            var own = await PendingAsync(history, child, pinned, masker, cancellationToken).ConfigureAwait(false);
            gates.AddRange(own.Select(g => g with { ExecutionId = child.Id }));
            var grandchildren = await UnfinishedChildrenAsync(history, child, cancellationToken, depth + 1).ConfigureAwait(false);
            gates.AddRange(await ChildGatesAsync(history, grandchildren, pinned, masker, depth + 1, cancellationToken).ConfigureAwait(false));
        }

        return gates;
    }
}
