using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Mcp.Tools.Framework;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// The link path of a wait at a gate (<see cref="ExecutionWaiter"/>): the approval page's one-time link offered in the
/// chat by URL mode (<see cref="GateLink"/>), then the wait, within the call's deadline, until the gate is decided there.
/// </summary>
internal sealed class LinkOffer(PlaybookEngine engine, TimeProvider time)
{
    /// <summary>
    /// Offers the approval page's link for <paramref name="gate"/> by URL-mode elicitation (or by a round trip for 2026-07-28
    /// clients), then waits, within the deadline, until the gate is decided on the page; returns where the wait stops
    /// when it must (no page, the offer declined, the deadline), else null to go on following the execution.
    /// </summary>
    public async Task<WaitOutcome?> OfferAsync(ToolCall call, ExecutionWatch watch, ExecutionState state, PendingApproval gate, DateTimeOffset deadline, HashSet<string> asked, List<string> notes, CancellationToken cancellationToken)
    {
        var executionId = watch.ExecutionId ?? state.ExecutionId;
        if (await GateLink.IssueAsync(call, gate, executionId, cancellationToken).ConfigureAwait(false) is not { } link)
        {
            notes.Add(GateAdvice.Note(state, call));
            return ExecutionWaiter.Outcome(state, notes);
        }

        var elicitationId = Guid.NewGuid().ToString("N");
        var question = GateLink.Request(state, gate, link, elicitationId);
        if (GateRoundTrip.Applies(call))
        {
            throw GateRoundTrip.Ask(question, new GateRoundTripState(
                call.Request.Params?.Name ?? "", executionId, ExecutionWaiter.Key(gate, executionId), gate.StepId, deadline, [.. asked], [.. notes.TakeLast(ExecutionWaiter.MaxNotes)], ByLink: true));
        }

        var (opened, outcome) = await GateLink.OfferAsync(call, question, Left(deadline), time, cancellationToken).ConfigureAwait(false);
        notes.Add(outcome + ".");
        if (!opened)
        {
            notes.Add(GateAdvice.Note(state, call));
            return ExecutionWaiter.Outcome(state, notes);
        }

        if (await UntilDecidedAsync(watch, ExecutionWaiter.Key(gate, executionId), deadline, cancellationToken).ConfigureAwait(false) is { } stillWaiting)
        {
            notes.Add($"the gate '{gate.StepId}' was not decided on the page before wait_seconds ran out; the link stays valid until the gate closes.");
            notes.Add(GateAdvice.Note(stillWaiting, call));
            return ExecutionWaiter.Outcome(stillWaiting, notes);
        }

        await GateLink.CompleteAsync(call, elicitationId, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// The second call of a link offered by a round trip: reads whether the person opened the page and waits for the
    /// decision; returns where the wait stops when it must, else null to go on following the execution.
    /// </summary>
    public async Task<WaitOutcome?> ResumeAsync(ToolCall call, ExecutionWatch watch, GateRoundTripState resume, ExecutionState? waiting, DateTimeOffset deadline, List<string> notes, CancellationToken cancellationToken)
    {
        if (waiting is null)
        {
            notes.Add($"the gate '{resume.StepId}' was decided (on the approval page, or elsewhere) before this call came back.");
        }
        else
        {
            var (opened, outcome) = GateRoundTrip.Opened(call);
            notes.Add(outcome + ".");
            if (!opened)
            {
                notes.Add(GateAdvice.Note(waiting, call));
                return ExecutionWaiter.Outcome(waiting, notes);
            }

            if (await UntilDecidedAsync(watch, resume.Gate, deadline, cancellationToken).ConfigureAwait(false) is { } stillWaiting)
            {
                notes.Add($"the gate '{resume.StepId}' was not decided on the page before wait_seconds ran out; the link stays valid until the gate closes.");
                notes.Add(GateAdvice.Note(stillWaiting, call));
                return ExecutionWaiter.Outcome(stillWaiting, notes);
            }
        }

        return null;
    }

    /// <summary>
    /// Waits until the gate <paramref name="key"/> no longer waits (decided on the page, or the run moved on); null then,
    /// else the state at the deadline. Hears the run's changes as they come, and looks again each second.
    /// </summary>
    private async Task<ExecutionState?> UntilDecidedAsync(ExecutionWatch watch, string key, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var executionId = watch.ExecutionId ?? throw new InvalidOperationException("the watch is not bound to an execution");
        while (true)
        {
            var state = await engine.GetStateAsync(executionId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"execution {executionId} vanished while waited on");
            if (!state.PendingApprovals.Any(g => ExecutionWaiter.Key(g, executionId) == key))
            {
                return null;
            }

            var left = Left(deadline);
            if (left <= TimeSpan.Zero)
            {
                return state;
            }

            using var tick = new CancellationTokenSource(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, tick.Token);
            try
            {
                await watch.States.WaitToReadAsync(either.Token).ConfigureAwait(false);
                while (watch.States.TryRead(out _))
                {
                    // drained: the state is read again above
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // a second passed: look again
            }
        }
    }

    private TimeSpan Left(DateTimeOffset deadline)
    {
        var left = deadline - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
