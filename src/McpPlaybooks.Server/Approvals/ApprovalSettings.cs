namespace McpPlaybooks.Server.Approvals;

/// <summary>
/// Who a person is on the channels that show one: the chat user (<c>Approvals:ChatUser</c>), and the OS users of the
/// command line mapped to names and roles (<c>Approvals:Users</c>). Whether the assistant channel counts everywhere is
/// the engine's <c>AcceptAssistantApprovals</c>.
/// </summary>
internal sealed record ApprovalSettings
{
    /// <summary>The person who answers the MCP client's own questions (elicitation); null: <c>chat:&lt;client&gt;</c>, with no name.</summary>
    public string? ChatUser { get; init; }

    /// <summary>OS user → the name and roles a gate's <c>approvers</c> may match for <c>mcp-playbooks approve</c>.</summary>
    public IReadOnlyDictionary<string, MappedUser> Users { get; init; } = new Dictionary<string, MappedUser>(StringComparer.Ordinal);

    /// <summary>
    /// The public base address of the approval page (<c>Approvals:PageBaseUrl</c>, e.g. <c>https://ops.example.com/playbooks/</c>)
    /// when people reach the server through a proxy; null: the address of the listener that serves it.
    /// </summary>
    public Uri? PageBaseUrl { get; init; }
}

/// <summary>The name and roles an OS user is known by to approval gates.</summary>
internal sealed record MappedUser(string Name, IReadOnlyList<string> Roles);
