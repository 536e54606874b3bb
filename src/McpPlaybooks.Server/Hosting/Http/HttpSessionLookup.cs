using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Finds the session a request names and checks that the request acts for the identity that opened it: 404 for a
/// session that is not open (ended, expired, never was), 403 for another identity's token.
/// </summary>
internal static class HttpSessionLookup
{
    /// <summary>The session, or null once the refusal is written.</summary>
    public static async Task<HttpSession?> FindAsync(HttpContext context, HttpSessionStore sessions, string id)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Find(id) is not { } session)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return null;
        }

        if (!string.Equals(session.Owner, HttpCaller.From(context.User)?.Identity, StringComparison.Ordinal))
        {
            await HttpErrors.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                "Forbidden: this session belongs to another identity; open your own session with initialize.").ConfigureAwait(false);
            return null;
        }

        return session;
    }

    /// <summary>Marks a request in flight on <paramref name="session"/>; null once 404 is written (it ended meanwhile: DELETE, expiry).</summary>
    public static async Task<HttpSession.Use?> BeginAsync(HttpContext context, HttpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.TryBegin() is { } use)
        {
            return use;
        }

        await NotFoundAsync(context).ConfigureAwait(false);
        return null;
    }

    private static Task NotFoundAsync(HttpContext context) =>
        HttpErrors.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            "Not Found: this session is not open (it ended, expired, or the server restarted); start a new one with initialize.",
            HttpErrors.SessionNotFound);
}
