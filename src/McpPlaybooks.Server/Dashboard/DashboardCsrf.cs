using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The CSRF tokens of the dashboard (signed double submit): each browser gets a random <see cref="DashboardCookies.Csrf"/>
/// cookie, and its pages carry an HMAC of it under a key made at start. A state-changing request must send that HMAC in
/// the <c>X-CSRF-Token</c> header or the <c>csrf</c> form field; another site can neither read the page nor compute it.
/// </summary>
internal sealed class DashboardCsrf
{
    public const string Header = "X-CSRF-Token";

    public const string FormField = "csrf";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The token for this browser's pages, giving it a CSRF cookie first when it has none.</summary>
    public string TokenFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var binding = context.Items[DashboardCookies.Csrf] as string ?? context.Request.Cookies[DashboardCookies.Csrf];
        if (string.IsNullOrEmpty(binding))
        {
            binding = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            DashboardCookies.Set(context, DashboardCookies.Csrf, binding);
            context.Items[DashboardCookies.Csrf] = binding;
        }

        return Sign(binding);
    }

    /// <summary>Whether the request carries the token of its own CSRF cookie (header, else the <paramref name="form"/>'s field).</summary>
    public bool IsValid(HttpContext context, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(form);
        var binding = context.Request.Cookies[DashboardCookies.Csrf];
        if (string.IsNullOrEmpty(binding))
        {
            return false;
        }

        var presented = context.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            presented = form[FormField].ToString();
        }

        return !string.IsNullOrEmpty(presented)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(Sign(binding)));
    }

    private string Sign(string binding) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(binding)));
}
