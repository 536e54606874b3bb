using System.Reflection;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp.Completions;
using McpPlaybooks.Server.Mcp.Prompts;
using McpPlaybooks.Server.Mcp.Resources;
using McpPlaybooks.Server.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp;

/// <summary>The MCP surface: the server's identity and protocol, then tools, resources, prompts and completions.</summary>
internal static class McpServerComposition
{
    /// <summary>
    /// The older protocol generation, 2025-11-25 (<c>initialize</c>, sessions, subscriptions, <c>logging/setLevel</c>), which
    /// almost every client in the wild speaks. The server is not pinned to it: the SDK negotiates 2026-07-28 (stateless,
    /// <c>server/discover</c>) with clients that offer it, and this one with clients that <c>initialize</c>.
    /// </summary>
    public const string ProtocolVersion = "2025-11-25";

    /// <summary>The newer protocol generation, 2026-07-28: no <c>initialize</c>, no sessions.</summary>
    public const string LatestProtocolVersion = "2026-07-28";

    public const string ServerName = "mcp-playbooks";

    public static string ServerVersion { get; } =
        typeof(McpServerComposition).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IMcpServerBuilder AddPlaybooksMcp(this IServiceCollection services)
    {
        var builder = services.AddMcpServer(options =>
        {
            options.ServerInfo = new Implementation { Name = ServerName, Title = "McpPlaybooks", Version = ServerVersion };
            options.ServerInstructions = ServerInstructions.Text;
        });
        builder.AddPlaybookTools();
        builder.AddPlaybookResources();
        builder.AddPlaybookPrompts();
        builder.AddPlaybookCompletions();
        builder.WithRoleChecks();
        return builder;
    }
}
