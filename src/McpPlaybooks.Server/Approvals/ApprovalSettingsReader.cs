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
    public const string PageBaseUrl = "MCPPLAYBOOKS_APPROVAL_PAGE_BASE_URL";

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
        return new ApprovalSettings { ChatUser = string.IsNullOrWhiteSpace(chat) ? null : chat.Trim(), Users = users, PageBaseUrl = ReadBaseUrl(environment(PageBaseUrl), problems) };
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

    /// <summary>An absolute http(s) address, made to end with '/' so that <c>approve/TOKEN</c> goes below it.</summary>
    private static Uri? ReadBaseUrl(string? text, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (!Uri.TryCreate(trimmed.EndsWith('/') ? trimmed : trimmed + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            problems.Add($"{PageBaseUrl}: '{trimmed}' must be an absolute http or https address with no query, such as https://ops.example.com/playbooks/");
            return null;
        }

        return url;
    }
}
