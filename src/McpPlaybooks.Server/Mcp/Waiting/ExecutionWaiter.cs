using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Mcp.Tools.Executions;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// Waits, for a tool call, until an execution ends or parks, or until the call's time is up, streaming progress and log
/// messages meanwhile (<see cref="ExecutionNotifier"/>). At a gate, a client that answers elicitation is asked to decide
/// it in the chat, and the wait goes on with the time left: by an elicitation request (protocol 2025-11-25), or by ending
/// the call with an input-required result that the client answers by calling again (2026-07-28, <see cref="GateRoundTrip"/>). A cancelled request stops the wait, never the execution.
/// </summary>
internal sealed partial class ExecutionWaiter(PlaybookEngine engine, TimeProvider time, ILogger logger)
{
    /// <summary>Waits at most <paramref name="wait"/> (the chat's answer included) on the execution <paramref name="watch"/> hears.</summary>
    public Task<WaitOutcome> WaitAsync(ToolCall call, ExecutionWatch watch, TimeSpan wait, CancellationToken cancellationToken) =>
        WaitAsync(call, watch, wait, decided: null, cancellationToken);

    /// <summary>As the other overload; <paramref name="decided"/> (execution id and step id) was just decided by the caller: the chat is not asked about it.</summary>
    public Task<WaitOutcome> WaitAsync(ToolCall call, ExecutionWatch watch, TimeSpan wait, (string ExecutionId, string StepId)? decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(watch);
        var asked = new HashSet<string>(StringComparer.Ordinal);
        if (decided is { } gateDecided)
        {
            asked.Add(gateDecided.ExecutionId + "/" + gateDecided.StepId);
        }

        return GoOnAsync(call, watch, time.GetUtcNow() + wait, asked, [], cancellationToken);
    }

    /// <summary>
    /// Goes on with a wait that asked about a gate by a round trip (<see cref="GateRoundTrip"/>): records the answer the
    /// call brings back when the gate still waits for it, then waits until the deadline the first call set (at most
    /// <see cref="MaxResumedWait"/> from now). <paramref name="watch"/> was opened before anything was decided.
    /// </summary>
    public async Task<WaitOutcome> ResumeAsync(ToolCall call, ExecutionWatch watch, GateRoundTripState resume, GateAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(resume);
        ArgumentNullException.ThrowIfNull(answer);
        var executionId = watch.ExecutionId ?? throw new InvalidOperationException("the watch is not bound to an execution");
        var latest = time.GetUtcNow() + MaxResumedWait;
        var deadline = resume.Deadline < latest ? resume.Deadline : latest;
        var asked = new HashSet<string>(resume.Asked, StringComparer.Ordinal) { resume.Gate };
        var notes = resume.Notes.TakeLast(MaxNotes).ToList();
        var state = watch.Initial ?? throw new InvalidOperationException("the watch has no first state");
        var gate = state.PendingApprovals.FirstOrDefault(g => Key(g, executionId) == resume.Gate);
        if (resume.ByLink)
        {
            return await new LinkOffer(engine, time).ResumeAsync(call, watch, resume, gate is null ? null : state, deadline, notes, cancellationToken).ConfigureAwait(false)
                ?? await GoOnAsync(call, watch, deadline, asked, notes, cancellationToken).ConfigureAwait(false);
        }

        if (gate is null)
        {
            notes.Add($"the answer given in the chat about '{resume.StepId}' came when the gate no longer waited: nothing was recorded.");
        }
        else if (!ChatQuestion.Counts(call, gate))
        {
            notes.Add($"the answer given in the chat about '{resume.StepId}' was not recorded: a decision in this chat does not count for that gate.");
            notes.Add(GateAdvice.Note(state, call));
            return Outcome(state, notes);
        }
        else if (await DecideAsync(call, executionId, state, gate, answer, notes, cancellationToken).ConfigureAwait(false) is { } stop)
        {
            return stop;
        }

        return await GoOnAsync(call, watch, deadline, asked, notes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The longest a resumed wait goes on: the longest <c>wait_seconds</c>, whatever the state says.</summary>
    internal static TimeSpan MaxResumedWait { get; } = TimeSpan.FromSeconds(900);

    internal const int MaxNotes = 20;

    private async Task<WaitOutcome> GoOnAsync(ToolCall call, ExecutionWatch watch, DateTimeOffset deadline, HashSet<string> asked, List<string> notes, CancellationToken cancellationToken)
    {
        var executionId = watch.ExecutionId ?? throw new InvalidOperationException("the watch is not bound to an execution");
        var notifier = new ExecutionNotifier(call, watch, logger);
        while (true)
        {
            var state = await FollowAsync(executionId, watch, notifier, asked, Left(deadline), cancellationToken).ConfigureAwait(false);
            if (state.PendingApprovals.Count == 0)
            {
                return Outcome(state, notes);
            }

            var gate = state.PendingApprovals.FirstOrDefault(g => !asked.Contains(Key(g, executionId)) && (ChatQuestion.Counts(call, g) || ChatQuestion.OffersLink(call, g)));
            if (gate is null || Left(deadline) <= TimeSpan.Zero)
            {
                notes.Add(GateAdvice.Note(state, call));
                return Outcome(state, notes);
            }

            asked.Add(Key(gate, executionId));
            if (!ChatQuestion.Counts(call, gate))
            {
                if (await new LinkOffer(engine, time).OfferAsync(call, watch, state, gate, deadline, asked, notes, cancellationToken).ConfigureAwait(false) is { } stopped)
                {
                    return stopped;
                }

                continue;
            }

            if (GateRoundTrip.Applies(call))
            {
                throw GateRoundTrip.Ask(state, gate, new GateRoundTripState(
                    call.Request.Params?.Name ?? "", executionId, Key(gate, executionId), gate.StepId, deadline, [.. asked], [.. notes.TakeLast(MaxNotes)]));
            }

            var answer = await GateElicitation.AskAsync(call, state, gate, Left(deadline), time, cancellationToken).ConfigureAwait(false);
            if (await DecideAsync(call, executionId, state, gate, answer, notes, cancellationToken).ConfigureAwait(false) is { } stop)
            {
                return stop;
            }
        }
    }

    /// <summary>Records the chat's decision on <paramref name="gate"/>; returns where the wait stops when it must (no decision, or a refused one), else null.</summary>
    private async Task<WaitOutcome?> DecideAsync(ToolCall call, string executionId, ExecutionState state, PendingApproval gate, GateAnswer answer, List<string> notes, CancellationToken cancellationToken)
    {
        if (answer.Approve is not { } approve)
        {
            notes.Add($"{answer.Outcome}: the gate '{gate.StepId}' is still waiting.");
            notes.Add(GateAdvice.Note(state, call));
            return Outcome(state, notes);
        }

        var by = ChatQuestion.Decider(call);
        var approver = by.Identity;
        try
        {
            await engine.DecideAsync(new ApprovalRequest
            {
                ExecutionId = gate.ExecutionId ?? executionId,
                StepId = gate.StepId,
                Approve = approve,
                By = by,
                Comment = answer.Comment,
            }, cancellationToken).ConfigureAwait(false);
            notes.Add($"{(approve ? "approved" : "rejected")} the gate '{gate.StepId}' in the chat as {approver}.");
            return null;
        }
        catch (ExecutionRefusedException e) when (QueuedForOwner.Is(e))
        {
            // Not a refusal: the process that runs the execution did not apply it in time, and applies it later (its checks
            // made then), or whoever takes the execution over does. The wait stops there, as approve_step's does.
            var (now, queued) = await QueuedForOwner.AnswerAsync(engine, executionId, $"the decision given in the chat ('{(approve ? "approve" : "reject")}' on '{gate.StepId}' as {approver})", e, cancellationToken).ConfigureAwait(false);
            notes.Add(queued);
            return Outcome(now, notes);
        }
        catch (ExecutionRefusedException e)
        {
            LogDecisionRefused(logger, executionId, gate.StepId, e.Message);
            notes.Add($"the decision given in the chat was not recorded: {PlaybookTool.Refusal(e)}");
            var now = await engine.GetStateAsync(executionId, cancellationToken).ConfigureAwait(false) ?? state;
            if (now.PendingApprovals.Count > 0)
            {
                notes.Add(GateAdvice.Note(now, call));
            }

            return Outcome(now, notes);
        }
    }

    internal static WaitOutcome Outcome(ExecutionState state, List<string> notes) =>
        new(state, notes.Count == 0 ? null : string.Join(" ", notes));

    internal static string Key(PendingApproval gate, string executionId) => (gate.ExecutionId ?? executionId) + "/" + gate.StepId;

    private TimeSpan Left(DateTimeOffset deadline)
    {
        var left = deadline - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// Waits on the engine while a pump sends what the watch hears, until the execution ends or parks, or a gate not asked
    /// about yet shows (a child's gate shows in its parent, which keeps running); then sends whatever is left, in order.
    /// </summary>
    private async Task<ExecutionState> FollowAsync(string executionId, ExecutionWatch watch, ExecutionNotifier notifier, HashSet<string> asked, TimeSpan left, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(watch, notifier, stop.Token, cancellationToken);
        var waiting = engine.WaitAsync(executionId, left, stop.Token);
        var gate = NewGateAsync(watch, executionId, asked, stop.Token);
        ExecutionState? state = null;
        try
        {
            await Task.WhenAny(waiting, gate).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
            try
            {
                state = await waiting.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // a gate showed first
            }

            await gate.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        state ??= await engine.GetStateAsync(executionId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"execution {executionId} vanished while waited on");
        while (watch.Events.TryRead(out var change))
        {
            await notifier.SendAsync(change, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }

    /// <summary>Completes when the execution shows a gate not asked about yet; stops quietly on <paramref name="stop"/>.</summary>
    private static async Task NewGateAsync(ExecutionWatch watch, string executionId, HashSet<string> asked, CancellationToken stop)
    {
        try
        {
            while (await watch.States.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                while (watch.States.TryRead(out var state))
                {
                    if (state.ExecutionId == executionId && state.PendingApprovals.Any(g => !asked.Contains(Key(g, executionId))))
                    {
                        return;
                    }
                }
            }

            // The watch ended: only the engine's wait ends this one.
            await new TaskCompletionSource().Task.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    /// <summary>Sends events as they come until <paramref name="stop"/>; a send in flight finishes first (under the call's token).</summary>
    private static async Task PumpAsync(ExecutionWatch watch, ExecutionNotifier notifier, CancellationToken stop, CancellationToken cancellationToken)
    {
        try
        {
            while (await watch.Events.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                while (!stop.IsCancellationRequested && watch.Events.TryRead(out var change))
                {
                    await notifier.SendAsync(change, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopped: the caller sends what is left, or the request was cancelled
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A decision given in the chat on {ExecutionId}/{StepId} was refused: {Reason}")]
    private static partial void LogDecisionRefused(ILogger logger, string executionId, string stepId, string reason);
}
