using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Approvals;

/// <summary>The decider of each channel, as the server can vouch for it.</summary>
internal static class Approvers
{
    /// <summary>
    /// <c>approve_step</c>: with a bearer token, its holder; else the assistant, unverified, with what it claimed (and the
    /// roles configured for stdio, which count only where the server accepts assistant decisions).
    /// </summary>
    public static ApproverIdentity Tool(HttpCaller? caller, string client, string? claimed, IReadOnlyList<string> configuredRoles) =>
        caller is null ? ApproverIdentity.Assistant(client, claimed, configuredRoles) : ApproverIdentity.Token(caller.Identity, caller.Roles);

    /// <summary>
    /// An answer in the MCP client's own interface: with a token, its holder; else the configured chat user, else
    /// <c>chat:&lt;client&gt;</c> with no name (it then passes only gates any one person may decide: no approver list, no
    /// separate approver, <c>min_approvals</c> 1).
    /// </summary>
    public static ApproverIdentity Chat(HttpCaller? caller, string client, ApprovalSettings settings, IReadOnlyList<string> configuredRoles)
    {
        if (caller is not null)
        {
            return new ApproverIdentity { Channel = ApprovalChannel.Chat, Identity = caller.Identity, Name = caller.Identity, Roles = caller.Roles };
        }

        return settings.ChatUser is { } user
            ? new ApproverIdentity { Channel = ApprovalChannel.Chat, Identity = user, Name = user, Roles = configuredRoles }
            : new ApproverIdentity { Channel = ApprovalChannel.Chat, Identity = "chat:" + client };
    }

    /// <summary>
    /// The dashboard: logged in with a token, its holder (the token's identity is the person's name, its roles count);
    /// without tokens, the local user <c>local:&lt;os user&gt;</c> (its server roles are not a gate's roles), with the name
    /// and roles <c>Approvals:Users</c> gives that OS user, as for the command line.
    /// </summary>
    public static ApproverIdentity Dashboard(HttpCaller caller, bool local, string osUser, ApprovalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(settings);
        if (!local)
        {
            return new ApproverIdentity { Channel = ApprovalChannel.Dashboard, Identity = caller.Identity, Name = caller.Identity, Roles = caller.Roles };
        }

        settings.Users.TryGetValue(osUser, out var mapped);
        return new ApproverIdentity { Channel = ApprovalChannel.Dashboard, Identity = caller.Identity, Name = mapped?.Name, Roles = mapped?.Roles ?? [] };
    }

    /// <summary>
    /// <c>mcp-playbooks approve</c> run by <paramref name="osUser"/>: <c>cli:user</c>, with the name and roles of the
    /// mapping. <paramref name="asName"/> (<c>--as</c>) must be the name the mapping gives this user; else the refusal.
    /// </summary>
    public static ApproverIdentity Cli(string osUser, ApprovalSettings settings, string? asName, out string? refusal)
    {
        refusal = null;
        settings.Users.TryGetValue(osUser, out var mapped);
        if (asName is not null && (mapped is null || !string.Equals(mapped.Name, asName, StringComparison.OrdinalIgnoreCase)))
        {
            refusal = mapped is null
                ? $"--as {asName}: the OS user {osUser} is not mapped to a name (Approvals:Users, or {ApprovalSettingsReader.Users}), so the "
                    + $"decision can only be recorded as cli:{osUser}. Leave --as out, or ask whoever runs the server to map {osUser}."
                : $"--as {asName}: the OS user {osUser} is mapped to {mapped.Name}, not {asName}. Leave --as out to decide as {mapped.Name}.";
        }

        return ApproverIdentity.Cli(osUser, mapped?.Name, mapped?.Roles);
    }
}
