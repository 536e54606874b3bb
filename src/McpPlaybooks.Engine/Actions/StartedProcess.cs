namespace McpPlaybooks.Engine.Actions;

/// <summary>
/// A process an action started: its pid and, on Linux, its start time in clock ticks after boot (<c>/proc/PID/stat</c>
/// field 22), so that a later check does not take another process that reused the pid for it. On Linux the pid is the
/// step's process group and session too.
/// </summary>
public sealed record StartedProcess(int Pid, long? StartTicks);
