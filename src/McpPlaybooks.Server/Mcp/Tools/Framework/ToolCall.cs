using McpPlaybooks.Server.Hosting;
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

    /// <summary>Who the call acts as, recorded as the starter or requester: <c>mcp:</c> and the client's name.</summary>
    public string Identity => "mcp:" + ClientName;

    /// <summary>The caller's roles for approval gates: over stdio, the configured <c>Roles</c> of the person behind the client.</summary>
    public IReadOnlyList<string> Roles => Request.Services?.GetService<ServerSettings>()?.Roles ?? [];

    /// <summary>Whether the client declared that it answers elicitation requests (approvals asked in the chat).</summary>
    public bool ClientCanElicit => Server.ClientCapabilities?.Elicitation is not null;
}
