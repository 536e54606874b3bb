namespace McpPlaybooks.Server.Hosting.Http.Auth;

/// <summary>
/// What a caller whose token lacks a role reads: what needed which role, what the caller has, and what to do instead.
/// Never the token itself.
/// </summary>
internal static class RoleRefusals
{
    /// <summary>For a tool call: an <c>isError</c> text. <paramref name="allowed"/> are the tools the caller may call.</summary>
    public static string ForTool(HttpCaller caller, string tool, string needed, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(allowed);
        var instead = allowed.Count == 0
            ? "."
            : $", or use the tools your roles allow ({string.Join(", ", allowed)}).";
        return $"calling {tool} needs the {needed} role; you ({caller.Identity}) have {Has(caller)}. "
            + $"Ask an admin for a token with {needed}{instead}";
    }

    /// <summary>For a protocol request (resources, prompts, completions): the message of the protocol error.</summary>
    public static string ForRequest(HttpCaller caller, string what, string needed)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return $"{what} needs the {needed} role; you ({caller.Identity}) have {Has(caller)}. Ask an admin for a token with {needed}.";
    }

    /// <summary>For a request without a token's identity while tokens are on: refused, whatever it asked.</summary>
    public static string NoCaller(string what) =>
        $"{what} needs a bearer token's identity and this request carried none; send Authorization: Bearer <token>.";

    private static string Has(HttpCaller caller)
    {
        var held = ServerRoles.Held(caller.Roles);
        return held.Count > 0
            ? string.Join(", ", held)
            : caller.Roles.Count == 0 ? "no role" : $"no server role (only {string.Join(", ", caller.Roles)})";
    }
}
