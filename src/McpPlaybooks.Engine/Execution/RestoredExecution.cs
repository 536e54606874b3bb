using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>What history holds of an unfinished (or reopened) execution: enough to rebuild its run.</summary>
internal sealed record RestoredExecution(
    ExecutionRecord Record,
    IReadOnlyList<StepStateRecord> Steps,
    IReadOnlyList<StepAttemptRecord> Attempts,
    IReadOnlyList<ApprovalRecord> Approvals,
    IReadOnlyList<ApprovalDecisionRecord> Decisions);
