namespace McpPlaybooks.Engine.Definitions;

/// <summary>What a playbook does when a step fails (<c>on_failure</c>).</summary>
public enum FailurePolicy
{
    /// <summary>Leave the execution failed.</summary>
    Stop,

    /// <summary>Undo every completed step, newest first.</summary>
    Rollback,

    /// <summary>Go on with the steps that do not depend on the failed one.</summary>
    Continue,
}
