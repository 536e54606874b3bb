using System.Net;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The access rules of every dashboard endpoint (one with a <see cref="DashboardRule"/>), after routing and after the
/// Origin/Host check: without tokens, loopback connections only, and the start-up URL's access token exchanged for a
/// session (<see cref="DashboardSessions"/>) then left out of the address bar; a session for everything but the login
/// page; the rule's role; on state-changing requests an Origin (else a Referer) that is this listener's own
/// (<see cref="OwnOrigin"/>), then a form body (<see cref="PostedForm"/>: 415, 413, 400) carrying the session's CSRF token
/// (or the token in its header). Refusals are pages for people and JSON for scripts, and change nothing; their log lines
/// are throttled per reason (<see cref="RefusalLogThrottle"/>) and repeat the request bounded (<see cref="RequestText"/>).
/// </summary>
internal sealed partial class DashboardGate(
    DashboardAccess access,
    DashboardSessions sessions,
    DashboardCsrf csrf,
    ApprovalPageAddress? published,
    RefusalLogThrottle throttle,
    ILogger<DashboardGate> logger)
{
    private const string SessionKey = "mcpp.dashboard.session";

    private const string FormKey = "mcpp.dashboard.form";

    /// <summary>The session the gate admitted; null on an open endpoint without one.</summary>
    public static DashboardSession? SessionOf(HttpContext context) => context?.Items[SessionKey] as DashboardSession;

    /// <summary>The caller the gate admitted; null on an open endpoint without a session.</summary>
    public static HttpCaller? CallerOf(HttpContext context) => SessionOf(context)?.Caller;

    /// <summary>The form of a state-changing request, read by the gate (<see cref="PostedForm"/>) before its CSRF check.</summary>
    public static IFormCollection FormOf(HttpContext context) =>
        context?.Items[FormKey] as IFormCollection ?? throw new InvalidOperationException("only an endpoint whose rule changes state has a form read by the gate");

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetEndpoint()?.Metadata.GetMetadata<DashboardRule>() is not { } rule)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        Secure(context.Response);
        if (!access.UsesTokens && context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
        {
            Refused(context, "a connection from another machine without tokens");
            await RefuseAsync(context, rule, StatusCodes.Status403Forbidden, "Not on this machine",
                "This server has no tokens, so its dashboard answers only on this machine (loopback). Give the server a tokens file (--tokens FILE) to open it to others.").ConfigureAwait(false);
            return;
        }

        if (!access.UsesTokens && context.Request.Query.TryGetValue(DashboardRoutes.AccessParameter, out var presented))
        {
            await AdmitLinkAsync(context, rule, presented.ToString()).ConfigureAwait(false);
            return;
        }

        var session = sessions.Find(DashboardCookies.Get(context, DashboardCookies.Session));
        var caller = session?.Caller;
        if (caller is null && !rule.Open)
        {
            await NoSessionAsync(context, rule).ConfigureAwait(false);
            return;
        }

        if (caller is not null && !rule.Open && !ServerRoles.Grants(caller.Roles, rule.Role))
        {
            Refused(context, "a session without the role", $"{caller.Identity} without the {rule.Role} role");
            await RefuseAsync(context, rule, StatusCodes.Status403Forbidden, "Not allowed",
                $"{caller.Identity} has the roles {Roles(caller)}; this needs {rule.Role}. Ask the server's owner for a token with that role.").ConfigureAwait(false);
            return;
        }

        context.Items[SessionKey] = session;
        if (rule.ChangesState)
        {
            if (!OwnOrigin.Matches(context, published?.BaseAddress, refererWithoutOrigin: true))
            {
                Refused(context, "an Origin not this listener's", $"its Origin '{RequestText.Header(context, "Origin")}' (Referer '{RequestText.OriginOf(context, "Referer")}') is not this listener's");
                await RefuseAsync(context, rule, StatusCodes.Status403Forbidden, "Refused: not from this dashboard",
                    "A change is accepted only from the dashboard's own pages (the request's Origin header, or its Referer, must be this server's address), and this one came from elsewhere or said nothing. Nothing was done. Use the dashboard's own buttons.").ConfigureAwait(false);
                return;
            }

            var form = await PostedForm.ReadAsync(context, (status, title, message) => RefuseAsync(context, rule, status, title, message)).ConfigureAwait(false);
            if (form is null)
            {
                return;
            }

            if (!csrf.IsValid(context, form))
            {
                Refused(context, "a missing or wrong CSRF token");
                await RefuseAsync(context, rule, StatusCodes.Status403Forbidden, "Refused: the form is stale",
                    "The request did not carry this page's CSRF token, so nothing was done. Reload the page and try again.").ConfigureAwait(false);
                return;
            }

            context.Items[FormKey] = form;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>The start-up URL: a right access token opens a session (its id in the cookie, not the token), and the address loses it (303 to the same page).</summary>
    private async Task AdmitLinkAsync(HttpContext context, DashboardRule rule, string presented)
    {
        if (!access.IsLocalToken(presented))
        {
            Refused(context, "a wrong access token in the URL");
            await RefuseAsync(context, rule, StatusCodes.Status401Unauthorized, "This link is not valid",
                "The access token in this link is not this server's: a new one is made each time the server starts. " + WhereIsTheUrl).ConfigureAwait(false);
            return;
        }

        if (sessions.Start(access.LocalCaller) is not { } session)
        {
            LogRefused(logger, context.Request.Path, $"the start-up link while {sessions.Limits.Total} sessions are open, the most kept");
            await SessionsFull.WriteAsync(context, rule.IsPage, sessions.Limits.Total).ConfigureAwait(false);
            return;
        }

        DashboardCookies.Set(context, DashboardCookies.Session, session.Id);
        var rest = context.Request.Query
            .Where(pair => pair.Key != DashboardRoutes.AccessParameter)
            .SelectMany(pair => pair.Value.Select(value => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(value ?? "")));
        var query = string.Join('&', rest);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = context.Request.PathBase + context.Request.Path + (query.Length > 0 ? "?" + query : "");
    }

    private Task NoSessionAsync(HttpContext context, DashboardRule rule)
    {
        if (access.UsesTokens && rule.IsPage && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = DashboardRoutes.Login;
            return Task.CompletedTask;
        }

        return access.UsesTokens
            ? RefuseAsync(context, rule, StatusCodes.Status401Unauthorized, "Log in first", $"Log in with your token at {DashboardRoutes.Login}.")
            : RefuseAsync(context, rule, StatusCodes.Status401Unauthorized, "Open the dashboard from its link", WhereIsTheUrl);
    }

    /// <summary>Headers of every dashboard answer: nothing frames it, nothing keeps it, only its own assets load.</summary>
    public static void Secure(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin"; // with no-referrer, Chromium posts the page's own forms with Origin: null (refused)
        headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    }

    private const string WhereIsTheUrl =
        "Open the URL that the server printed when it started: it is in the server's log (its stderr, and the file in <data-dir>/logs), "
        + "on the line 'Dashboard at http://127.0.0.1:PORT/ui/?access=...'. Open it once: the server then keeps a session for this browser (it ends after 12 hours without use, 7 days at most, or at a restart).";

    private static Task RefuseAsync(HttpContext context, DashboardRule rule, int status, string title, string message)
    {
        return rule.IsPage
            ? DashboardHtml.WriteMessageAsync(context, status, title, message)
            : DashboardResponses.ProblemAsync(context, status, title, message);
    }

    /// <summary>Logs a refusal unless its reason has been logged too often this minute; <paramref name="detail"/> says more than the reason.</summary>
    private void Refused(HttpContext context, string reason, string? detail = null)
    {
        if (throttle.Admit(logger, "dashboard: " + reason))
        {
            LogRefused(logger, RequestText.Path(context), detail ?? reason);
        }
    }

    private static string Roles(HttpCaller caller) => caller.Roles.Count == 0 ? "(none)" : string.Join(", ", caller.Roles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard refused a request to {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string reason);
}
