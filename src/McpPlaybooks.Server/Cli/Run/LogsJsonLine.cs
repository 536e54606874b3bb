namespace McpPlaybooks.Server.Cli.Run;

/// <summary>One log line in <c>logs --json</c>.</summary>
internal sealed record LogsJsonLine(long Id, DateTimeOffset At, string Level, string? StepId, string Message);
