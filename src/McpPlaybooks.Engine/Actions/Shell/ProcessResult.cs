namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>How a process ended: its exit code and its captured (bounded) output.</summary>
internal sealed record ProcessResult(int ExitCode, BoundedTextCapture Stdout, BoundedTextCapture Stderr);
