using McpPlaybooks.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Sessions;

/// <summary>
/// Registers <see cref="McpSessions"/> and an incoming message filter that tracks a session as soon as it sends anything
/// after <c>initialize</c> (normally <c>notifications/initialized</c>), so that <c>list_changed</c> reaches every live session.
/// </summary>
internal static class SessionTracking
{
    public static IMcpServerBuilder WithSessionTracking(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(s => new McpSessions(s.Logger<McpSessions>()));
        return builder.WithMessageFilters(filters => filters.AddIncomingFilter(next => async (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is not JsonRpcRequest { Method: RequestMethods.Initialize } && context.Server is { } server)
            {
                server.Services?.GetService<McpSessions>()?.Track(server);
            }

            await next(context, cancellationToken).ConfigureAwait(false);
        }));
    }
}
