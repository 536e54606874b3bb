using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The first step of every request: its <c>Host</c> and <c>Origin</c> must pass <see cref="RequestOriginPolicy"/>, else
/// 403 naming the refused header, in the shape of what was asked (<see cref="OriginRefusal"/>). This is what stops DNS
/// rebinding (a web page whose name resolves to this machine). Anyone who reaches the port can be refused here, so the
/// refusal repeats the header and the path bounded (<see cref="RequestText"/>) and its log lines are throttled
/// (<see cref="RefusalLogThrottle"/>).
/// </summary>
internal sealed partial class OriginHostCheck(RequestOriginPolicy policy, RefusalLogThrottle throttle, ILogger<OriginHostCheck> logger)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var host = context.Request.Headers[HeaderNames.Host].ToString();
        if (!policy.AllowsHost(host))
        {
            return RefuseAsync(context, "Host", host);
        }

        var origins = context.Request.Headers[HeaderNames.Origin];
        string? origin = origins.Count == 0 ? null : origins.ToString();
        if (!policy.AllowsOrigin(origin, host))
        {
            return RefuseAsync(context, "Origin", origin!);
        }

        return next(context);
    }

    private Task RefuseAsync(HttpContext context, string header, string value)
    {
        var shown = RequestText.Bound(value);
        if (throttle.Admit(logger, header == "Host" ? "a Host header not allowed" : "an Origin header not allowed"))
        {
            LogRefused(logger, header, shown, RequestText.Path(context));
        }

        return OriginRefusal.WriteAsync(context, header, shown);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path}: its {Header} header '{Value}' is not allowed")]
    private static partial void LogRefused(ILogger logger, string header, string value, string path);
}
