using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The CSRF tokens of the dashboard: an HMAC, under a key made at start, of the request's session id (purpose
/// <c>session</c>), or, before a session exists (the login form), of a random <see cref="DashboardCookies.Login"/> cookie
/// (purpose <c>login</c>). A state-changing request must send it in the <c>X-CSRF-Token</c> header or the <c>csrf</c> form
/// field. A token fits one session only: a pair obtained elsewhere (another browser, the login page, a cookie planted
/// from another port) does not pass for a logged-in session, and another site can neither read a page nor compute one.
/// </summary>
internal sealed class DashboardCsrf
{
    public const string Header = "X-CSRF-Token";

    public const string FormField = "csrf";

    private const string LoginKey = "mcpp.dashboard.login";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The token for this request's pages: its session's, else the login form's (giving the browser a login cookie first when it has none).</summary>
    public string TokenFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (DashboardGate.SessionOf(context) is { } session)
        {
            return Sign("session", session.Id);
        }

        var binding = context.Items[LoginKey] as string ?? DashboardCookies.Get(context, DashboardCookies.Login);
        if (string.IsNullOrEmpty(binding))
        {
            binding = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            DashboardCookies.Set(context, DashboardCookies.Login, binding);
            context.Items[LoginKey] = binding;
        }

        return Sign("login", binding);
    }

    /// <summary>Whether the request carries the token of its session, or without one of its login cookie (header, else the <paramref name="form"/>'s field).</summary>
    public bool IsValid(HttpContext context, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(form);
        string? expected = null;
        if (DashboardGate.SessionOf(context) is { } session)
        {
            expected = Sign("session", session.Id);
        }
        else if (DashboardCookies.Get(context, DashboardCookies.Login) is { Length: > 0 } binding)
        {
            expected = Sign("login", binding);
        }

        var presented = context.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            presented = form[FormField].ToString();
        }

        return expected is not null
            && !string.IsNullOrEmpty(presented)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(expected));
    }

    private string Sign(string purpose, string value) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + value)));
}
