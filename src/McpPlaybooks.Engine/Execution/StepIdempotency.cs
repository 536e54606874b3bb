using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Whether a step that was running when its process died may simply run again on resume (design §3, Durability),
/// or must become <c>interrupted</c> and wait for <c>retry_step</c> or <c>skip_step</c>.
/// </summary>
internal static class StepIdempotency
{
    /// <summary>
    /// Actions the engine itself makes safe to run again, whatever their descriptor says: <c>playbook</c> (the engine
    /// re-attaches to the child by its key), <c>event</c> and <c>approval</c> (they only wait, and their signals and
    /// decisions are kept in history).
    /// </summary>
    private static readonly HashSet<string> ResumableByEngine = new(StringComparer.Ordinal) { "playbook", "event", "approval" };

    /// <summary>
    /// The step's own <c>idempotent:</c> when it says; else whether its action is idempotent by nature: <c>wait</c>,
    /// <c>wait_for</c>, <c>set</c>, <c>assert</c>, <c>log</c>, <c>event</c>, <c>approval</c>, <c>playbook</c>, and an
    /// <c>http</c> whose method is a literal GET, HEAD or OPTIONS (or absent: GET). A templated method, <c>shell</c> and
    /// <c>notify</c> are not.
    /// </summary>
    public static bool IsIdempotent(StepDefinition step, ActionDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(descriptor);
        return step.Idempotent ?? (ResumableByEngine.Contains(descriptor.Name) || descriptor.IsIdempotent(step.With));
    }
}
