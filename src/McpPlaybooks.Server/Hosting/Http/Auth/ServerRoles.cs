namespace McpPlaybooks.Server.Hosting.Http.Auth;

/// <summary>
/// The server's roles and what each grants: <c>viewer</c> reads, <c>operator</c> runs and steers executions and saves
/// playbooks, <c>approver</c> decides gates, <c>admin</c> does everything. <c>operator</c> and <c>approver</c> each include
/// <c>viewer</c>. Other roles a token carries (such as <c>oncall</c>) grant nothing here; they count for a gate's
/// <c>approvers</c>. Names compare ignoring case, as the engine compares a gate's roles.
/// </summary>
internal static class ServerRoles
{
    public const string Viewer = "viewer";

    public const string Operator = "operator";

    public const string Approver = "approver";

    public const string Admin = "admin";

    /// <summary>The four, from the least to the most powerful.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Approver, Admin];

    public static bool IsServerRole(string role) => All.Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether holding <paramref name="roles"/> allows what needs <paramref name="needed"/>.</summary>
    public static bool Grants(IEnumerable<string> roles, string needed)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(needed);
        return roles.Any(held => Same(held, Admin)
            || Same(held, needed)
            || (Same(needed, Viewer) && (Same(held, Operator) || Same(held, Approver))));
    }

    /// <summary>The server roles among <paramref name="roles"/>, in <see cref="All"/>'s order: what a refusal says the caller has.</summary>
    public static IReadOnlyList<string> Held(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var held = roles.ToList();
        return [.. All.Where(role => held.Any(r => Same(r, role)))];
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
