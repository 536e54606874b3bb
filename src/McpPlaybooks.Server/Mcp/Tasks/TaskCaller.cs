using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using System.Security.Claims;

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

    public bool Holds(ExecutionHandleRecord handle) => string.Equals(handle.Holder, Identity, StringComparison.Ordinal);

    /// <summary>Who sent a request; refuses it (fail closed) when tokens are on and it has none, or its roles lack <paramref name="role"/>.</summary>
    public static TaskCaller Of(ClaimsPrincipal? user, IServiceProvider? services, string? clientName, string role, string what)
    {
        var caller = HttpCaller.From(user);
        if (RoleChecks.MissingCaller(services, caller))
        {
            throw new McpProtocolException(RoleRefusals.NoCaller(what), McpErrorCode.InvalidRequest);
        }

        if (caller is not null && !ServerRoles.Grants(caller.Roles, role))
        {
            throw new McpProtocolException(RoleRefusals.ForRequest(caller, what, role), McpErrorCode.InvalidRequest);
        }

        var settings = services?.GetService<ServerSettings>();
        return new TaskCaller(caller, string.IsNullOrWhiteSpace(clientName) ? "unknown" : clientName, settings?.Roles ?? [], settings?.Approvals ?? new());
    }
}
