using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace McpPlaybooks.Server.Hosting.Http.Auth;

/// <summary>
/// The ASP.NET Core authentication scheme of the access tokens file: <c>Authorization: Bearer TOKEN</c> with a known
/// token makes the request's user that token's <see cref="HttpCaller"/> (identity and roles). When the MCP endpoints
/// require it (tokens configured), a missing or unknown token gets 401 with <c>WWW-Authenticate</c> and a JSON-RPC error
/// saying what to send. Tokens are never logged; refusals are logged throttled (<see cref="RefusalLogThrottle"/>).
/// </summary>
internal sealed partial class AccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AccessTokens tokens,
    RefusalLogThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = HttpCaller.AuthenticationType;

    public const string Realm = "mcp-playbooks";

    private const string Prefix = "Bearer ";

    private readonly ILogger _log = loggerFactory.CreateLogger<AccessTokenAuthentication>();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!tokens.Enabled || Presented() is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(tokens.Find(presented) is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(), SchemeName))
            : AuthenticateResult.Fail("the bearer token is not known"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var gave = !string.IsNullOrEmpty(Request.Headers[HeaderNames.Authorization].ToString());
        var what = gave ? "an unknown token" : "no token";
        if (throttle.Admit(_log, "a request with " + what))
        {
            LogRefused(_log, RequestText.Path(Context), what);
        }

        Response.Headers[HeaderNames.WWWAuthenticate] = gave
            ? $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"the token is not known\""
            : $"Bearer realm=\"{Realm}\"";
        return HttpErrors.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            gave
                ? "Unauthorized: the bearer token is not known to this server; check the token in your client's Authorization header."
                : "Unauthorized: this server needs 'Authorization: Bearer TOKEN' (ask its owner for a token).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        HttpErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden: this session belongs to another identity; open your own session.");

    private string? Presented()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path} with {What}")]
    private static partial void LogRefused(ILogger logger, string path, string what);
}
