using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The dashboard's cookies: HttpOnly, SameSite=Strict, for the whole site, Secure when the request came over HTTPS, and
/// named after the listener's port (<c>mcpp_session_8080</c>). Browsers scope cookies by host, not by port, so every
/// listener on the host receives them: they carry nothing that works anywhere else (a session id, a random login
/// binding), and the port in the name keeps two dashboards on one host from replacing each other's.
/// </summary>
internal static class DashboardCookies
{
    /// <summary>The session cookie's name before the port: it carries a <see cref="Sessions.DashboardSessions"/> id.</summary>
    public const string Session = "mcpp_session";

    /// <summary>The login form's cookie's name before the port: the random value its CSRF token is bound to (<see cref="DashboardCsrf"/>).</summary>
    public const string Login = "mcpp_login";

    /// <summary>The name of cookie <paramref name="prefix"/> on this request's listener: <c>PREFIX_PORT</c>.</summary>
    public static string Name(HttpContext context, string prefix)
    {
        ArgumentNullException.ThrowIfNull(context);
        return prefix + "_" + context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The value of cookie <paramref name="prefix"/> of this listener, or null.</summary>
    public static string? Get(HttpContext context, string prefix)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies[Name(context, prefix)];
    }

    public static void Set(HttpContext context, string prefix, string value)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Name(context, prefix), value, Options(context));
    }

    public static void Delete(HttpContext context, string prefix)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Name(context, prefix), Options(context));
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
