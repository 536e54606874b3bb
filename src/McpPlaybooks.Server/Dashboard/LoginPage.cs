using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// With tokens: <c>GET /ui/login</c> asks for a token, <c>POST /ui/login</c> (CSRF) opens a session for a known one (the
/// cookie carries the session's id, never the token; 503 when the sessions' total cap is reached), <c>POST /ui/logout</c>
/// (CSRF) ends the session on the server and removes the cookie. Without tokens there is nothing to log in with: the
/// login page goes to the executions page.
/// </summary>
internal sealed partial class LoginPage(DashboardAccess access, DashboardSessions sessions, DashboardCsrf csrf, AccessTokens tokens, RefusalLogThrottle throttle, ILogger<LoginPage> logger)
{
    public Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!access.UsesTokens)
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = DashboardRoutes.Home;
            return Task.CompletedTask;
        }

        return DashboardHtml.WriteAsync(context, StatusCodes.Status200OK, Form(context, problem: null));
    }

    public async Task PostAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var form = DashboardGate.FormOf(context);
        var token = form["token"].ToString().Trim();
        if (!access.UsesTokens || tokens.Find(token) is not { } caller)
        {
            if (throttle.Admit(logger, "dashboard: a login with an unknown token"))
            {
                LogFailed(logger);
            }

            await DashboardHtml.WriteAsync(context, StatusCodes.Status401Unauthorized, Form(context, "That token is not known to this server. Check it, or ask the server's owner for one.")).ConfigureAwait(false);
            return;
        }

        sessions.End(DashboardGate.SessionOf(context)?.Id);
        if (sessions.Start(caller) is not { } session)
        {
            LogFull(logger, caller.Identity, sessions.Limits.Total);
            await SessionsFull.WriteAsync(context, page: true, sessions.Limits.Total).ConfigureAwait(false);
            return;
        }

        LogLoggedIn(logger, caller.Identity);
        DashboardCookies.Set(context, DashboardCookies.Session, session.Id);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = DashboardRoutes.Home;
    }

    public Task LogoutAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        sessions.End(DashboardGate.SessionOf(context)?.Id);
        DashboardCookies.Delete(context, DashboardCookies.Session);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = DashboardRoutes.Login;
        return Task.CompletedTask;
    }

    private string Form(HttpContext context, string? problem)
    {
        var token = DashboardHtml.Encode(csrf.TokenFor(context));
        var alert = problem is null ? "" : $"<p class=\"problem\" role=\"alert\">{DashboardHtml.Encode(problem)}</p>";
        var main = $"""
            <h1>Log in</h1>
            {alert}
            <form method="post" action="{DashboardRoutes.Login}" class="login">
              <input type="hidden" name="csrf" value="{token}">
              <label for="token">Your access token</label>
              <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
              <button type="submit">Log in</button>
            </form>
            <p class="hint">The token is the one the server's owner gave you (made with <code>mcp-playbooks token new</code>). It is not kept: logging in opens a session, and your browser keeps only the session's random id (in a cookie). Log out to end the session.</p>
            """;
        return DashboardHtml.Page("Log in", caller: null, csrf: null, main);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard login as {Identity}")]
    private static partial void LogLoggedIn(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard login of {Identity} refused: {Total} sessions are open, the most kept")]
    private static partial void LogFull(ILogger logger, string identity, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard login refused: the token is not known")]
    private static partial void LogFailed(ILogger logger);
}
