using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>The dashboard's cookies: HttpOnly, SameSite=Strict, for the whole site, and Secure when the request came over HTTPS.</summary>
internal static class DashboardCookies
{
    /// <summary>The session: a bearer token (with tokens) or this run's access token (without).</summary>
    public const string Session = "mcpp_session";

    /// <summary>The random value the CSRF token is bound to (<see cref="DashboardCsrf"/>).</summary>
    public const string Csrf = "mcpp_csrf";

    public static void Set(HttpContext context, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(name, value, Options(context));
    }

    public static void Delete(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(name, Options(context));
    }

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
