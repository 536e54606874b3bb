namespace McpPlaybooks.Engine.Execution;

/// <summary>How a rollback ended: every step undone, some rollback failed, or a cancel stopped it.</summary>
internal enum RollbackOutcome
{
    Undone,
    SomeFailed,
    Cancelled,
}
