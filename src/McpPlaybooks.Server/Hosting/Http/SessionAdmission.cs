using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Around the SDK's MCP endpoints: a session refused by <see cref="HttpSessionStore.Admit"/> gets 503 with
/// <c>Retry-After</c>, and a place taken for a session that never started is given back.
/// </summary>
internal sealed class SessionAdmission(HttpSessionStore sessions)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (SessionLimitException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "60";
            await HttpErrors.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                $"Service Unavailable: as many sessions are open as allowed ({e.Setting}); end one with DELETE, or retry once idle ones expire.").ConfigureAwait(false);
        }
        finally
        {
            sessions.ReleaseUnclaimed(context);
        }
    }
}
