namespace McpPlaybooks.Server.Cli;

/// <summary>The process exit codes every command shares (design §7).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and found no error.</summary>
    public const int Success = 0;

    /// <summary>The command ran and found or met an error (an invalid playbook, a failed execution).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong (a missing argument, an unknown option), or what it names is (an invalid playbook or input for <c>run</c>).</summary>
    public const int Usage = 2;

    /// <summary><c>run</c> stopped at an approval gate: the execution waits for a decision.</summary>
    public const int ApprovalPending = 3;
}
