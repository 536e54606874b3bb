using System.Globalization;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// A gate offered to the person in the chat as a link to the approval page, by URL-mode elicitation: for a client that
/// opens URLs where a form in the chat would not count or cannot be shown. The link is issued for the chat's person
/// (<see cref="ChatQuestion.Holder"/>) and goes to the client's own interface, never into a tool result; the person
/// decides on the page, and the wait goes on until the gate closes.
/// </summary>
internal static class GateLink
{
    /// <summary>Issues a fresh one-time link for <paramref name="gate"/>; null while no listener serves the page.</summary>
    public static Task<Uri?> IssueAsync(ToolCall call, PendingApproval gate, string executionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(gate);
        var address = call.Request.Services?.GetService<ApprovalPageAddress>();
        return address is null
            ? Task.FromResult<Uri?>(null)
            : address.IssueAsync(gate.ExecutionId ?? executionId, gate.StepId, ChatQuestion.Holder(call), "chat:" + call.ClientName, cancellationToken);
    }

    /// <summary>The URL-mode question: what the gate is about, and the page that decides it.</summary>
    public static ElicitRequestParams Request(ExecutionState state, PendingApproval gate, Uri link, string elicitationId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(gate);
        var deadline = gate.ExpiresAt is { } at
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : "none";
        return new ElicitRequestParams
        {
            Mode = "url",
            ElicitationId = elicitationId,
            Url = link.AbsoluteUri,
            Message = $"Approve step '{gate.StepId}' of playbook '{state.PlaybookId}' {state.PlaybookVersion} (execution {gate.ExecutionId ?? state.ExecutionId})? "
                + $"{gate.Message} Open the approval page to see what the step will do and to approve or reject it (the link works once). Deadline: {deadline}.",
        };
    }

    /// <summary>Offers the link and waits at most <paramref name="left"/> for the client's answer: whether the person opened it, or why not.</summary>
    public static async Task<(bool Opened, string Outcome)> OfferAsync(ToolCall call, ElicitRequestParams question, TimeSpan left, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var deadline = new CancellationTokenSource(left, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var result = await call.Server.ElicitAsync(question, linked.Token).ConfigureAwait(false);
            return Read(result);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, "the approval page was offered in the chat but not opened before wait_seconds ran out, so the offer was withdrawn "
                + "(the client was sent notifications/cancelled)");
        }
        catch (Exception e) when (e is McpException or InvalidOperationException)
        {
            return (false, $"offering the approval page in the chat failed ({e.Message})");
        }
    }

    /// <summary>What the client answered to the offer: accept means the person went to the page.</summary>
    public static (bool Opened, string Outcome) Read(ElicitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsAccepted
            ? (true, "the user opened the approval page offered in the chat")
            : (false, $"the user chose '{result.Action}' when offered the approval page in the chat");
    }

    /// <summary>Tells the client the page's question is settled (<c>notifications/elicitation/complete</c>); a failure to tell is not the wait's.</summary>
    public static async Task CompleteAsync(ToolCall call, string elicitationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call.Server.SendNotificationAsync(NotificationMethods.ElicitationCompleteNotification,
                new ElicitationCompleteNotificationParams { ElicitationId = elicitationId }, McpJsonUtilities.DefaultOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is McpException or InvalidOperationException or IOException)
        {
            // The client went away or does not take notifications: the gate is decided either way.
        }
    }
}
