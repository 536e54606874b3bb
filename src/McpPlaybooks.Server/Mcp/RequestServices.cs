using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp;

/// <summary>Resolves our services in a request handler: from the request's scope, else from the server's.</summary>
internal static class RequestServices
{
    public static TService Service<TService>(this MessageContext context)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.Services ?? context.Server.Services ?? throw new InvalidOperationException("the MCP server was created without services");
        return services.GetRequiredService<TService>();
    }
}
