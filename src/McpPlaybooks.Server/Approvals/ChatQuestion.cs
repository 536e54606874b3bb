using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Hosting;
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
