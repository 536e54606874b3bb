namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>
/// Who decides a gate, as the channel the decision came through vouches for them. <see cref="Identity"/> is what the
/// record shows (<c>cli:alice</c>, <c>assistant:claude-code</c>); <see cref="Name"/> and <see cref="Roles"/> are what a
/// gate's <c>approvers</c> may match, and only a channel that shows a person sets them. An assistant's
/// <see cref="Claimed"/> name is recorded and never trusted (unless the server accepts assistant decisions).
/// </summary>
public sealed record ApproverIdentity
{
    /// <summary>The gate entry that lets the assistant channel decide: <c>approvers: [assistant]</c>.</summary>
    public const string AssistantEntry = "assistant";

    public required ApprovalChannel Channel { get; init; }

    /// <summary>The recorded identity: <c>channel:who</c>.</summary>
    public required string Identity { get; init; }

    /// <summary>The verified name of the person (a token's identity, a mapped OS user, a link's person, the chat user); null when none.</summary>
    public string? Name { get; init; }

    /// <summary>Verified roles (a token's, or an OS user's in the mapping); a gate's <c>approvers</c> may name roles.</summary>
    public IReadOnlyCollection<string> Roles { get; init; } = [];

    /// <summary>What an assistant said it was (the <c>approver</c> argument): recorded, never matched unless the server accepts assistants.</summary>
    public string? Claimed { get; init; }

    /// <summary>Whether the channel shows a person acted.</summary>
    public bool Verified => Channel != ApprovalChannel.Assistant;

    /// <summary>A person at a terminal: <c>cli:user</c>, with the name and roles the server's mapping gives that user (if any).</summary>
    public static ApproverIdentity Cli(string osUser, string? name = null, IReadOnlyCollection<string>? roles = null) =>
        new() { Channel = ApprovalChannel.Cli, Identity = "cli:" + osUser, Name = name, Roles = roles ?? [] };

    /// <summary>A bearer token's holder: the token's identity is the person's name.</summary>
    public static ApproverIdentity Token(string identity, IReadOnlyCollection<string> roles) =>
        new() { Channel = ApprovalChannel.Token, Identity = identity, Name = identity, Roles = roles };

    /// <summary>A model over a connection with no identity: <c>assistant:client</c>, with what it claimed.</summary>
    public static ApproverIdentity Assistant(string client, string? claimed, IReadOnlyCollection<string>? roles = null) =>
        new() { Channel = ApprovalChannel.Assistant, Identity = "assistant:" + client, Claimed = claimed, Roles = roles ?? [] };

    /// <summary>
    /// A one-time link's holder: the identity it was issued for, with the name and roles that identity has; a link issued
    /// for nobody is <c>link</c>, with no name or role (it then passes only gates any person may decide).
    /// </summary>
    public static ApproverIdentity Link(string? issuedFor, string? name = null, IReadOnlyCollection<string>? roles = null) =>
        new() { Channel = ApprovalChannel.Link, Identity = issuedFor ?? "link", Name = name, Roles = roles ?? [] };
}
