namespace McpPlaybooks.Server.Cli.Run;

/// <summary>One execution in <c>history --json</c>.</summary>
internal sealed record HistoryJsonExecution(
    string ExecutionId,
    string PlaybookId,
    string PlaybookVersion,
    string Status,
    bool DryRun,
    string StartedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? ErrorCategory,
    string? ErrorMessage);
