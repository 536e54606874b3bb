namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// One pending gate in <c>approvals --json</c>, with the command a person runs to decide it, and a fresh one-time link to the
/// approval page issued for this OS user (null when no server with a page runs for the data directory). The message's
/// template is the author's text when values were rendered into the message (null otherwise), as the approval page shows it.
/// </summary>
internal sealed record ApprovalsJsonGate(
    string ExecutionId,
    string StepId,
    string? PlaybookId,
    string? PlaybookVersion,
    string Message,
    string? MessageTemplate,
    IReadOnlyList<string> Approvers,
    int MinApprovals,
    int Approvals,
    bool SeparateApprover,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    string Approve,
    string? Link = null);
