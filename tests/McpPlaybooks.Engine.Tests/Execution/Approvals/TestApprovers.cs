using McpPlaybooks.Engine.Execution.Approvals;

namespace McpPlaybooks.Engine.Tests.Execution.Approvals;

/// <summary>Deciders for tests: a verified person (as a CLI user mapped to a name would be), or an assistant.</summary>
internal static class TestApprovers
{
    /// <summary>A person whose channel vouches for them: <c>cli:alice</c> is named alice, <c>bob</c> is bob.</summary>
    public static ApproverIdentity Person(string identity, params string[] roles)
    {
        var colon = identity.IndexOf(':', StringComparison.Ordinal);
        return new ApproverIdentity { Channel = ApprovalChannel.Cli, Identity = identity, Name = colon < 0 ? identity : identity[(colon + 1)..], Roles = roles };
    }

    /// <summary>A model over a connection with no identity, claiming a name (and the roles configured for stdio).</summary>
    public static ApproverIdentity Assistant(string? claimed = null, params string[] roles) => ApproverIdentity.Assistant("test-client", claimed, roles);
}
