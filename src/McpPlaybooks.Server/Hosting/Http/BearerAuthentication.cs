using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// When tokens are configured, every MCP request (<c>/mcp</c>, <c>/sse</c>, <c>/message</c>) needs
/// <c>Authorization: Bearer TOKEN</c>; a missing or unknown token gets 401 with <c>WWW-Authenticate</c>. A known token
/// makes the request's user the token's <see cref="HttpCaller"/>. Tokens are never logged; <c>/healthz</c> needs none.
/// </summary>
internal sealed partial class BearerAuthentication(AccessTokens tokens, ILogger<BearerAuthentication> logger)
{
    public const string Realm = "mcp-playbooks";

    private const string Scheme = "Bearer ";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!tokens.Enabled || HttpRoutes.IsPublic(context.Request.Path))
        {
            return next(context);
        }

        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
        if (tokens.Find(presented) is not { } caller)
        {
            var gave = !string.IsNullOrEmpty(header);
            LogRefused(logger, context.Request.Path, gave ? "an unknown token" : "no token");
            context.Response.Headers[HeaderNames.WWWAuthenticate] = gave
                ? $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"the token is not known\""
                : $"Bearer realm=\"{Realm}\"";
            return HttpErrors.WriteAsync(
                context,
                StatusCodes.Status401Unauthorized,
                gave
                    ? "Unauthorized: the bearer token is not known to this server; check the token in your client's Authorization header."
                    : "Unauthorized: this server needs 'Authorization: Bearer TOKEN' (ask its owner for a token).");
        }

        context.User = caller.ToPrincipal();
        return next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path} with {What}")]
    private static partial void LogRefused(ILogger logger, string path, string what);
}
