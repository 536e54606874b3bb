namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>How a command of the server executable ended: its exit code (137 when SIGKILL ended it), stdout and stderr.</summary>
internal sealed record CliCallResult(int ExitCode, string Out, string Error);
