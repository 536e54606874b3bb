namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>
/// How a decision on a gate reached the server. Every channel but <see cref="Assistant"/> shows that a person acted;
/// the assistant channel is a model calling a tool with no identity of its own, and counts only where a gate or the
/// server allows it.
/// </summary>
public enum ApprovalChannel
{
    /// <summary>A decision stored before channels were recorded: taken as a person's, as it was accepted then.</summary>
    Unrecorded,

    /// <summary><c>approve_step</c> over HTTP with a bearer token.</summary>
    Token,

    /// <summary>The web page, logged in (or the local user on a loopback server without tokens).</summary>
    Dashboard,

    /// <summary>A one-time approval link opened in a browser.</summary>
    Link,

    /// <summary><c>mcp-playbooks approve</c> (or <c>run --auto-approve</c>) run by an OS user.</summary>
    Cli,

    /// <summary>A form elicitation answered in the MCP client's own interface.</summary>
    Chat,

    /// <summary><c>approve_step</c> over a connection with no authenticated identity: a model, unverified.</summary>
    Assistant,
}
