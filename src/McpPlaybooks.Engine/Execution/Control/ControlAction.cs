namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>What <c>control_execution</c> can do to an execution (design §3, Control). Written in snake case: <c>retry_step</c>.</summary>
public enum ControlAction
{
    Pause,
    Resume,
    Cancel,
    Rollback,
    RetryStep,
    SkipStep,
    Signal,
}
