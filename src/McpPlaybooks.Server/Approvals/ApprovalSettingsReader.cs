namespace McpPlaybooks.Server.Approvals;

/// <summary>
/// Reads <see cref="ApprovalSettings"/> from <c>MCPPLAYBOOKS_*</c> variables (which <c>serve</c> also fills from
/// <c>Approvals:*</c> in appsettings.json). <c>MCPPLAYBOOKS_APPROVAL_USERS</c> is a comma-separated list of
/// <c>osuser=name</c> or <c>osuser=name:role1+role2</c>.
/// </summary>
internal static class ApprovalSettingsReader
{
    public const string ChatUser = "MCPPLAYBOOKS_CHAT_USER";
    public const string Users = "MCPPLAYBOOKS_APPROVAL_USERS";

    public static ApprovalSettings Read(Func<string, string?> environment, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problems);
        var users = new Dictionary<string, MappedUser>(StringComparer.Ordinal);
        foreach (var entry in (environment(Users) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Parse(entry) is { } parsed && !users.ContainsKey(parsed.OsUser))
            {
                users[parsed.OsUser] = parsed.User;
            }
            else
            {
                problems.Add($"{Users}: '{entry}' must be osuser=name or osuser=name:role1+role2, each OS user once");
            }
        }

        var chat = environment(ChatUser);
        return new ApprovalSettings { ChatUser = string.IsNullOrWhiteSpace(chat) ? null : chat.Trim(), Users = users };
    }

    private static (string OsUser, MappedUser User)? Parse(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var osUser = entry[..equals].Trim();
        var rest = entry[(equals + 1)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? rest : rest[..colon]).Trim();
        var roles = colon < 0 ? [] : rest[(colon + 1)..].Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return name.Length == 0 || osUser.Length == 0 ? null : (osUser, new MappedUser(name, roles));
    }
}
