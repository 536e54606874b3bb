namespace McpPlaybooks.Engine.History.Records;

/// <summary>What an attempt ran: the step's action, or one of its rollback or verify calls, or a finally call.</summary>
public enum AttemptKind
{
    Step,
    Verify,
    Rollback,
    Finally,
}
