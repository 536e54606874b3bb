namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>One line of an execution's log for the page: masked by the engine, its message bounded as get_execution_logs bounds it.</summary>
internal sealed record LogLineView(long Id, DateTimeOffset At, string Level, string? StepId, string Message);
