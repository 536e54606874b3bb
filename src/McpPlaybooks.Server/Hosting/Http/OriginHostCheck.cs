using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The first step of every request: its <c>Host</c> and <c>Origin</c> must pass <see cref="RequestOriginPolicy"/>, else
/// 403 naming the refused header, in the shape of what was asked (<see cref="OriginRefusal"/>). This is what stops DNS
/// rebinding (a web page whose name resolves to this machine).
/// </summary>
internal sealed partial class OriginHostCheck(RequestOriginPolicy policy, ILogger<OriginHostCheck> logger)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var host = context.Request.Headers[HeaderNames.Host].ToString();
        if (!policy.AllowsHost(host))
        {
            LogRefused(logger, "Host", host, context.Request.Path);
            return OriginRefusal.WriteAsync(context, "Host", host);
        }

        var origins = context.Request.Headers[HeaderNames.Origin];
        string? origin = origins.Count == 0 ? null : origins.ToString();
        if (!policy.AllowsOrigin(origin, host))
        {
            LogRefused(logger, "Origin", origin!, context.Request.Path);
            return OriginRefusal.WriteAsync(context, "Origin", origin!);
        }

        return next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path}: its {Header} header '{Value}' is not allowed")]
    private static partial void LogRefused(ILogger logger, string header, string value, string path);
}
