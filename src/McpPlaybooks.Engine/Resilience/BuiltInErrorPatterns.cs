using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>
/// The message patterns every playbook gets, tried after its own <c>errors:</c> patterns, the HTTP
/// status, the exit code and the exception type. Case-insensitive, over every message in the
/// exception chain and the failed attempt's stderr. The first row that matches any text wins, so
/// the order matters: "resource temporarily unavailable, try again" is temporary. No text makes a
/// <c>timeout</c>: that category says a limit fired (the attempt's own timeout, an action's wait,
/// exit 124 of timeout(1), HTTP 408, a <see cref="TimeoutException"/>), and a process that only
/// prints "timed out" has not shown one did (a playbook's <c>errors:</c> may say so for its own
/// tools). A "connection timed out" (ETIMEDOUT on connect) is network, as a SocketException is.
/// <code>
/// category        patterns
/// network         connection refused/reset/aborted/timed out, ECONNREFUSED/ECONNRESET, no route to
///                 host, network is unreachable, name or service not known,
///                 temporary failure in name resolution, could not resolve host
/// authentication  unauthorized, authentication failed, invalid credentials/token/password/api key,
///                 token expired
/// authorization   permission denied, access denied, forbidden, operation not permitted
/// resource        no space left on device, out of memory, cannot allocate memory,
///                 too many open files, quota exceeded
/// temporary       try again, temporarily unavailable, service unavailable, too many requests,
///                 rate limit, resource busy, locked
/// configuration   command not found, no such file or directory, invalid argument,
///                 unknown/unrecognized option, usage:
/// </code>
/// </summary>
internal static class BuiltInErrorPatterns
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    public static readonly IReadOnlyList<(Regex Pattern, ErrorCategory Category)> Rows =
    [
        Row(@"\bconnection\s+(?:was\s+)?(?:refused|reset|aborted|timed\s+out)|\bECONN(?:REFUSED|RESET|ABORTED)\b", ErrorCategory.Network),
        Row(@"no route to host|network\s+is\s+unreachable|name or service not known|temporary failure in name resolution|could not resolve host", ErrorCategory.Network),
        Row(@"\bunauthori[sz]ed\b|authentication failed|invalid (?:credentials|token|password|api key)|token (?:has )?expired", ErrorCategory.Authentication),
        Row(@"permission denied|access (?:is )?denied|\bforbidden\b|operation not permitted", ErrorCategory.Authorization),
        Row(@"no space left on device|out of memory|cannot allocate memory|too many open files|quota exceeded", ErrorCategory.Resource),
        Row(@"try again|temporarily unavailable|service unavailable|too many requests|rate[ -]?limit|resource busy|\blocked\b", ErrorCategory.Temporary),
        Row(@"command not found|no such file or directory|invalid argument|(?:unknown|unrecognized) option|\busage:", ErrorCategory.Configuration),
    ];

    /// <summary>
    /// A message pattern as every pattern is compiled, built-in or from a playbook: as <see cref="PlaybookRegex"/> (linear
    /// time), case-insensitive, 100 ms at most per match. Throws <see cref="NotSupportedException"/> for a pattern that
    /// engine refuses (PB0025).
    /// </summary>
    public static Regex Compile(string pattern) => PlaybookRegex.Compile(pattern, RegexOptions.IgnoreCase, MatchTimeout);

    private static (Regex, ErrorCategory) Row(string pattern, ErrorCategory category) => (Compile(pattern), category);
}
