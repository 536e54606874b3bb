using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>One call of a tool: its checked arguments, and the session it came from (for progress, logs, elicitation).</summary>
internal sealed class ToolCall(RequestContext<CallToolRequestParams> request, ToolArguments arguments)
{
    public ToolArguments Arguments { get; } = arguments;

    public RequestContext<CallToolRequestParams> Request { get; } = request;

    public McpServer Server => Request.Server;

    /// <summary>The token the client gave for progress notifications; null when it wants none.</summary>
    public ProgressToken? ProgressToken => Request.Params?.ProgressToken;

    /// <summary>The client's name from <c>initialize</c> (<c>clientInfo.name</c>), or <c>unknown</c>.</summary>
    public string ClientName => string.IsNullOrWhiteSpace(Server.ClientInfo?.Name) ? "unknown" : Server.ClientInfo!.Name;

    /// <summary>Who sent the call, from its bearer token over HTTP; null over stdio and over HTTP without tokens.</summary>
    public HttpCaller? Caller { get; } = HttpCaller.From(request.User);

    /// <summary>
    /// Who the call acts as, recorded as the starter or requester: the token's identity, else <c>mcp:</c> and the
    /// client's name. Deciders of gates come from <see cref="Approvals.Approvers"/>.
    /// </summary>
    public string Identity => Caller?.Identity ?? "mcp:" + ClientName;

    /// <summary>
    /// The caller's roles for approval gates: the token's roles, else (over stdio) the configured <c>Roles</c> of the
    /// person behind the client.
    /// </summary>
    public IReadOnlyList<string> Roles => Caller?.Roles ?? Request.Services?.GetService<ServerSettings>()?.Roles ?? [];

    /// <summary>
    /// Whether the client answers form elicitation (approvals asked in the chat): it declared <c>form</c>, or declared
    /// elicitation with no mode at all (which means form).
    /// </summary>
    public bool ClientCanElicit => Server.ClientCapabilities?.Elicitation is { } elicitation && (elicitation.Form is not null || elicitation.Url is null);

    /// <summary>Whether the client declared URL-mode elicitation: it can show a person a link to open (the approval page).</summary>
    public bool ClientOpensUrls => Server.ClientCapabilities?.Elicitation?.Url is not null;

    /// <summary>
    /// Whether a gate may be decided in this call's chat: the client answers elicitation and, with a token, the caller
    /// holds the <c>approver</c> role (an operator's chat must not approve what approve_step would refuse them).
    /// </summary>
    public bool MayApproveInChat => ClientCanElicit && (Caller is null || ServerRoles.Grants(Caller.Roles, ServerRoles.Approver));
}
