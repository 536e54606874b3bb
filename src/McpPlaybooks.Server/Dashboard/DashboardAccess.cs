using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// Who may open a dashboard session. With tokens configured a person logs in with a bearer token, and acts as that
/// token's identity and roles. Without tokens the start-up URL carries the random access token made when the server
/// started (as Jupyter does; the start-up log prints it), and whoever opens it acts as the local user,
/// <c>local:&lt;os user&gt;</c>, with every role. Either way the session cookie then carries a session id
/// (<see cref="Sessions.DashboardSessions"/>), never the token.
/// </summary>
internal sealed class DashboardAccess
{
    private readonly AccessTokens _tokens;
    private readonly byte[] _localDigest;

    public DashboardAccess(AccessTokens tokens, string osUser)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
        LocalToken = tokens.Enabled ? null : Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _localDigest = LocalToken is null ? [] : SHA256.HashData(Encoding.UTF8.GetBytes(LocalToken));
        OsUser = osUser;
        LocalCaller = new HttpCaller("local:" + osUser, [ServerRoles.Admin]);
    }

    /// <summary>The OS user running the server: who the local caller is.</summary>
    public string OsUser { get; }

    /// <summary>Whether people log in with the server's bearer tokens; otherwise the local access token admits the local user.</summary>
    public bool UsesTokens => _tokens.Enabled;

    /// <summary>This run's access token when there are no tokens (256 random bits); null with tokens.</summary>
    public string? LocalToken { get; }

    /// <summary>Who acts through the dashboard without tokens: the OS user running the server.</summary>
    public HttpCaller LocalCaller { get; }

    /// <summary>The path a person opens first: with the access token in its query without tokens, else the page (which asks to log in).</summary>
    public string StartPath => LocalToken is null ? DashboardRoutes.Home : $"{DashboardRoutes.Home}?{DashboardRoutes.AccessParameter}={LocalToken}";

    /// <summary>Whether <paramref name="presented"/> is this run's access token (compared in constant time); false with tokens.</summary>
    public bool IsLocalToken(string? presented) =>
        LocalToken is not null
        && !string.IsNullOrEmpty(presented)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _localDigest);
}
