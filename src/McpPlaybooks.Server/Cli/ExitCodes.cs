namespace McpPlaybooks.Server.Cli;

/// <summary>The process exit codes every command shares (design §7).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and found no error.</summary>
    public const int Success = 0;

    /// <summary>The command ran and found or met an error (an invalid playbook, a failed execution).</summary>
    public const int Failure = 1;

    /// <summary>
    /// The command line itself is wrong (a missing argument, an unknown option), or what it names is (an invalid playbook
    /// or input for <c>run</c>), or the engine refused the request (a guardrail, a playbook not active, an unknown
    /// execution, a decision or control action the execution's state does not allow).
    /// </summary>
    public const int Usage = 2;

    /// <summary>
    /// The execution is parked and waits for a person: at an approval gate (<c>waiting_approval</c>), or <c>paused</c>
    /// (by <c>control pause</c>, or at a step interrupted by a crash, which waits for <c>retry_step</c> or <c>skip_step</c>).
    /// </summary>
    public const int Parked = 3;
}
