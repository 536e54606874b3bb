namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// The tools that may run as a task (<c>execution.taskSupport: optional</c>): those that act on an execution and can wait
/// for it. As a task they act at once (their <c>wait_seconds</c> is ignored) and the task waits instead.
/// </summary>
internal static class TaskTools
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { "execute_playbook", "approve_step", "control_execution" };

    /// <summary>The argument by which these tools wait; a task call runs them with 0.</summary>
    public const string WaitArgument = "wait_seconds";
}
