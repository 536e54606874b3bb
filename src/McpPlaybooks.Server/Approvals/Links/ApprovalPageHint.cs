using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace McpPlaybooks.Server.Approvals.Links;

/// <summary>
/// The words that tell a caller a person can also decide on the approval page, when this server serves one. Never the
/// link itself: links go to people (the server's log, a gate's notify, <c>mcp-playbooks approvals</c>), not to the model.
/// </summary>
internal static class ApprovalPageHint
{
    public static string For(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return For(call.Request.Services);
    }

    /// <summary>The hint for a request that is not a tool call (a task's status), from the server's services.</summary>
    public static string For(IServiceProvider? services) =>
        services?.GetService<ApprovalPageAddress>()?.BaseAddress is null
            ? ""
            : ", or opens the gate's one-time link to the approval page (in the server's log; 'mcp-playbooks approvals' prints one for them)";
}
