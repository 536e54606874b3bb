using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Records for the history tests, at millisecond precision (what the store keeps).</summary>
internal static class HistorySamples
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    public const string Sha = "0f3a9c1b0f3a9c1b0f3a9c1b0f3a9c1b0f3a9c1b0f3a9c1b0f3a9c1b0f3a9c1b";

    public static PlaybookVersionRecord Playbook(string id = "restart-nginx", string content = "id: restart-nginx\n") => new()
    {
        PlaybookId = id,
        Version = "1.2.0",
        Sha256 = Sha,
        Content = content,
        CreatedAt = T0,
    };

    public static ExecutionRecord Run(string id, string playbookId = "restart-nginx", ExecutionStatus status = ExecutionStatus.Running, DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        PlaybookId = playbookId,
        PlaybookVersion = "1.2.0",
        PlaybookSha256 = Sha,
        Status = status,
        CreatedAt = createdAt ?? T0,
        UpdatedAt = createdAt ?? T0,
    };

    /// <summary>The playbook version and an execution pinned to it, as one batch.</summary>
    public static HistoryWrite[] Started(string executionId, string playbookId = "restart-nginx") =>
    [
        new HistoryWrite.SavePlaybookVersion(Playbook(playbookId)),
        new HistoryWrite.SaveExecution(Run(executionId, playbookId)),
    ];

    public static StepAttemptRecord Attempt(string executionId, string stepId = "restart", int attempt = 1, StepStatus status = StepStatus.Running) => new()
    {
        ExecutionId = executionId,
        StepId = stepId,
        Attempt = attempt,
        Action = "shell",
        Target = "systemctl",
        Status = status,
        StartedAt = T0,
    };

    public static ExecutionLogRecord Log(string executionId, string message, ExecutionLogLevel level = ExecutionLogLevel.Info, string? stepId = null) => new()
    {
        ExecutionId = executionId,
        StepId = stepId,
        Level = level,
        Message = message,
        At = T0,
    };

    public static AuditRecord Audit(string subjectId, string action = "execution_started") => new()
    {
        At = T0,
        Actor = "cli:alice",
        Action = action,
        SubjectType = "execution",
        SubjectId = subjectId,
        DetailJson = "{\"reason\":\"test\"}",
    };

    public static ErrorCategory[] Categories => Enum.GetValues<ErrorCategory>();
}
