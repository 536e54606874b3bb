using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using System.Security.Claims;
using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// Who sends a task request. With bearer tokens a task belongs to the token's identity and only it sees the task; without
/// (stdio, HTTP without tokens) tasks belong to no one and every client of the server sees them, as every execution.
/// </summary>
internal sealed record TaskCaller(HttpCaller? Caller, string ClientName, IReadOnlyList<string> ConfiguredRoles, ApprovalSettings Approvals)
{
    /// <summary>The identity that holds the caller's tasks; null without a token.</summary>
    public string? Identity => Caller?.Identity;

    /// <summary>Who a cancel is recorded as: the token's identity, else <c>mcp:</c> and the client's name (as tools record callers).</summary>
    public string Actor => Caller?.Identity ?? "mcp:" + ClientName;

    /// <summary>Who decides through a task's input request: an answer in the client's own form, as a decision given in the chat.</summary>
    public ApproverIdentity ChatApprover => Approvers.Chat(Caller, ClientName, Approvals, ConfiguredRoles);

    /// <summary>Whether the server accepts the assistant's decisions (<c>Approvals:AcceptAssistant</c>): a gate rule of its own.</summary>
    public bool AcceptAssistant { get; init; }

    /// <summary>
    /// Whether an answer in the client's own form (<see cref="ChatApprover"/>) would count at <paramref name="gate"/>: the
    /// token, if any, grants the approver role, and the chat's decider may decide the gate (its approvers, the channel).
    /// </summary>
    public bool MayAnswer(PendingApproval gate) =>
        (Caller is null || ServerRoles.Grants(Caller.Roles, ServerRoles.Approver)) && ApprovalAccess.MayDecide(gate, ChatApprover, AcceptAssistant);

    /// <summary>Whether the request answers tasks through the 2026-07-28 extension (it sees input requests and may answer them).</summary>
    public bool AnswersInputRequests { get; init; }

    /// <summary>The words that tell a person they may decide on the approval page (empty when none is served).</summary>
    public string PageHint { get; init; } = "";

    /// <summary>Who an approve_step of this caller decides as (<see cref="Approvers.Tool"/>, claiming nothing).</summary>
    public ApproverIdentity ToolApprover => Approvers.Tool(Caller, ClientName, claimed: null, ConfiguredRoles);

    public bool Holds(ExecutionHandleRecord handle) => string.Equals(handle.Holder, Identity, StringComparison.Ordinal);

    /// <summary>Who sent a request; refuses it (fail closed) when tokens are on and it has none, or its roles lack <paramref name="role"/>.</summary>
    public static TaskCaller Of(RequestContext<JsonNode?> request, string role, string what)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = HttpCaller.From(request.User);
        if (RoleChecks.MissingCaller(request.Services, caller))
        {
            throw new McpProtocolException(RoleRefusals.NoCaller(what), McpErrorCode.InvalidRequest);
        }

        if (caller is not null && !ServerRoles.Grants(caller.Roles, role))
        {
            throw new McpProtocolException(RoleRefusals.ForRequest(caller, what, role), McpErrorCode.InvalidRequest);
        }

        return For(request.User, request.Services, request.Server.ClientInfo?.Name, request.JsonRpcRequest);
    }

    /// <summary>Who sent <paramref name="message"/>, already let through (a tool call checked its own role).</summary>
    public static TaskCaller For(ClaimsPrincipal? user, IServiceProvider? services, string? clientName, JsonRpcRequest message)
    {
        var settings = services?.GetService<ServerSettings>();
        return new TaskCaller(HttpCaller.From(user), string.IsNullOrWhiteSpace(clientName) ? "unknown" : clientName, settings?.Roles ?? [], settings?.Approvals ?? new())
        {
            AcceptAssistant = settings?.Engine.AcceptAssistantApprovals ?? false,
            AnswersInputRequests = TaskExtension.IsModern(message) && TaskExtension.OptedIn(message),
            PageHint = ApprovalPageHint.For(services),
        };
    }
}
