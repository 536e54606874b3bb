using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Approvals;

/// <summary>
/// Whether a gate is worth asking about in the chat: only when the answer would count, so that a person is never asked a
/// question whose "approve" the engine then refuses.
/// </summary>
internal static class ChatQuestion
{
    /// <summary>Who an answer given in this call's chat is recorded as (<see cref="Approvers.Chat"/>).</summary>
    public static ApproverIdentity Decider(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var settings = call.Request.Services?.GetService<ServerSettings>();
        return Approvers.Chat(call.Caller, call.ClientName, settings?.Approvals ?? new(), call.Roles);
    }

    /// <summary>
    /// Who a link offered in this call's chat is issued for: with a token, its holder; else the configured chat user (with
    /// the roles configured for stdio); else nobody (the decision is then recorded as <c>link</c>).
    /// </summary>
    public static LinkHolder? Holder(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Caller is { } caller)
        {
            return new LinkHolder(caller.Identity, caller.Identity, caller.Roles);
        }

        var user = call.Request.Services?.GetService<ServerSettings>()?.Approvals.ChatUser;
        return user is null ? null : new LinkHolder(user, user, call.Roles);
    }

    /// <summary>
    /// Whether to offer the approval page's link by URL-mode elicitation instead: the client opens URLs, a form would not
    /// count (or cannot be shown), the page is served, the caller may decide in the chat, and a decision through a link
    /// issued for <see cref="Holder"/> would count for <paramref name="gate"/>.
    /// </summary>
    public static bool OffersLink(ToolCall call, PendingApproval gate)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(gate);
        var services = call.Request.Services;
        if (!call.ClientOpensUrls || Counts(call, gate) || services?.GetService<ApprovalPageAddress>()?.BaseAddress is null
            || (call.Caller is { } caller && !ServerRoles.Grants(caller.Roles, ServerRoles.Approver)))
        {
            return false;
        }

        var holder = Holder(call);
        var accept = services.GetService<ServerSettings>()?.Engine.AcceptAssistantApprovals ?? false;
        return ApprovalAccess.MayDecide(gate, ApproverIdentity.Link(holder?.Identity, holder?.Name, holder?.Roles?.ToList()), accept);
    }

    /// <summary>
    /// The client answers forms, the caller may decide in the chat (<see cref="ToolCall.MayApproveInChat"/>), and the
    /// chat's decider may decide <paramref name="gate"/> (its approvers, channels and the assistant rule).
    /// </summary>
    public static bool Counts(ToolCall call, PendingApproval gate)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(gate);
        var accept = call.Request.Services?.GetService<ServerSettings>()?.Engine.AcceptAssistantApprovals ?? false;
        return call.MayApproveInChat && ApprovalAccess.MayDecide(gate, Decider(call), accept);
    }
}
