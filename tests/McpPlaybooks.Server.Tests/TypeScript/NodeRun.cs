namespace McpPlaybooks.Server.Tests.TypeScript;

/// <summary>How a Node script ended: its exit code and everything it wrote.</summary>
internal sealed record NodeRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything, for a failing assertion's message.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}
