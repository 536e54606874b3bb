using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard.Sessions;

/// <summary>
/// The answer to a login (or start-up link) when <see cref="DashboardSessionLimits.Total"/> sessions are open: 503 with
/// <c>Retry-After</c>, a page for a person and JSON for a script, and no session opened or ended.
/// </summary>
internal static class SessionsFull
{
    /// <summary>The seconds <c>Retry-After</c> asks for: sessions free up as people log out or leave them unused.</summary>
    public const int RetryAfterSeconds = 60;

    public const string Title = "Too many sessions";

    public static Task WriteAsync(HttpContext context, bool page, int total)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var message = $"The dashboard has {total.ToString("N0", CultureInfo.InvariantCulture)} sessions open, the most it keeps, so no new one was opened "
            + $"(and no one's was ended to make room). Sessions free up as people log out or leave them unused for {DashboardSessions.IdleLimit.TotalHours:0} hours: "
            + "try again in a minute, or ask the server's owner, whose restart ends every session.";
        return page
            ? DashboardHtml.WriteMessageAsync(context, StatusCodes.Status503ServiceUnavailable, Title, message)
            : DashboardResponses.ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, Title, message);
    }
}
