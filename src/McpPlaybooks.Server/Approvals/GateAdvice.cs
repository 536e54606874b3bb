using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Approvals;

/// <summary>
/// What a caller is told to do at a gate: approve_step only where its decision would count; elsewhere, how a person
/// decides. A result never proposes a call that will be refused, and never a name or role to claim.
/// </summary>
internal static class GateAdvice
{
    /// <summary>The note for an execution waiting at gates: the approve_step calls this caller may make, and who decides the others.</summary>
    public static string Note(ExecutionState state, ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(call);
        var advice = Compose(state, Split(state, Decider(call), Accepts(call)), g => InChat(g, call), Links.ApprovalPageHint.For(call));
        return $"Waiting for approval at {string.Join(", ", state.PendingApprovals.Select(g => $"'{g.StepId}'"))}: {advice}.";
    }

    /// <summary>
    /// The same advice, without the heading, for a task's status message (no tool call: tasks/get, tasks/list):
    /// approve_step where this caller's decision counts; for the other gates, how a person decides: the task's input
    /// request where its answer would count (2026-07-28 tasks extension), else at a terminal.
    /// </summary>
    public static string ForTask(ExecutionState state, ApproverIdentity who, bool acceptAssistant, Func<PendingApproval, bool> answersInputRequest, string pageHint)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(answersInputRequest);
        return Compose(state, Split(state, who, acceptAssistant), g => answersInputRequest(g) ? "answers the task's input request (tasks/get, inputRequests) or " : "", pageHint);
    }

    private static string Compose(ExecutionState state, (List<PendingApproval> Mine, List<PendingApproval> People) split, Func<PendingApproval, string> inChat, string pageHint)
    {
        var parts = new List<string>();
        var (mine, people) = split;
        if (mine.Count > 0)
        {
            parts.Add("ask the user; " + string.Join("; ", mine.Select(g =>
                $"call approve_step with execution_id={state.ExecutionId}, step_id={g.StepId}, decision=approve once the user agrees (decision=reject otherwise)")));
        }

        if (people.Count > 0)
        {
            parts.Add(string.Join("; ", people.Select(g =>
                $"'{g.StepId}' needs a person's decision, which approve_step from you cannot give: the person {inChat(g)}runs "
                + $"'mcp-playbooks approve {g.ExecutionId ?? state.ExecutionId} {g.StepId}' in a terminal on the server's machine{pageHint}")));
        }

        return string.Join("; ", parts);
    }

    private static string InChat(PendingApproval gate, ToolCall call) =>
        ChatQuestion.Counts(call, gate) ? "answers the question in the chat (it is asked while a call waits with wait_seconds) or " : "";

    /// <summary>
    /// Which next actions this caller is shown: the approve_step calls whose decision would not count for it are left out.
    /// Null when every one is shown.
    /// </summary>
    public static Func<NextAction, bool>? Shown(ExecutionState state, ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(call);
        if (state.PendingApprovals.Count == 0)
        {
            return null;
        }

        var (_, people) = Split(state, Decider(call), Accepts(call));
        if (people.Count == 0)
        {
            return null;
        }

        var refused = people.Select(g => g.StepId).ToHashSet(StringComparer.Ordinal);
        return next => !IsApproveStep(next, refused);
    }

    private static bool IsApproveStep(NextAction action, HashSet<string> steps) =>
        action.Tool == "approve_step"
        && action.Arguments.Kind == ValueKind.Object
        && action.Arguments.AsObject().TryGetValue("step_id", out var step)
        && step.Kind == ValueKind.String
        && steps.Contains(step.AsString());

    private static ApproverIdentity Decider(ToolCall call) => Approvers.Tool(call.Caller, call.ClientName, claimed: null, call.Roles);

    private static bool Accepts(ToolCall call) => call.Request.Services?.GetService<ServerSettings>()?.Engine.AcceptAssistantApprovals ?? false;

    /// <summary>The gates <paramref name="who"/>'s approve_step decides (mine), and those a person decides.</summary>
    private static (List<PendingApproval> Mine, List<PendingApproval> People) Split(ExecutionState state, ApproverIdentity who, bool accept)
    {
        var mine = new List<PendingApproval>();
        var people = new List<PendingApproval>();
        foreach (var gate in state.PendingApprovals)
        {
            (ApprovalAccess.MayDecide(gate, who, accept) ? mine : people).Add(gate);
        }

        return (mine, people);
    }
}
