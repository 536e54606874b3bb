using System.Security.Claims;

namespace McpPlaybooks.Server.Hosting.Http.Auth;

/// <summary>
/// Who an HTTP request acts as, from its bearer token: an identity (recorded as starter, requester and approver) and
/// roles (the server's <c>viewer</c>, <c>operator</c>, <c>approver</c>, <c>admin</c>, plus any a playbook's gates name,
/// such as <c>oncall</c>). The transport hands it to the MCP server as the message's <see cref="ClaimsPrincipal"/>.
/// </summary>
internal sealed record HttpCaller(string Identity, IReadOnlyList<string> Roles)
{
    /// <summary>The authentication type of the principal a token gives.</summary>
    public const string AuthenticationType = "Bearer";

    /// <summary>The principal the transport sets on each message of the request (<c>JsonRpcMessage.Context.User</c>).</summary>
    public ClaimsPrincipal ToPrincipal()
    {
        // NameIdentifier is what the SDK binds a session to: a session opened with one identity's token refuses another's.
        var claims = new List<Claim> { new(ClaimTypes.Name, Identity), new(ClaimTypes.NameIdentifier, Identity) };
        claims.AddRange(Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller a request's principal stands for; null when the request carried no token (stdio, or HTTP without tokens).</summary>
    public static HttpCaller? From(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name } identity
            || !string.Equals(identity.AuthenticationType, AuthenticationType, StringComparison.Ordinal))
        {
            return null;
        }

        return new HttpCaller(name, [.. user.FindAll(ClaimTypes.Role).Select(claim => claim.Value)]);
    }
}
