using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Mcp.Results;

namespace McpPlaybooks.Server.Cli;

/// <summary>
/// How the command line prints a state as JSON (<c>run --json</c>, <c>show --json</c>, control and resume): every field,
/// nulls included, with step outputs and the execution's outputs bounded as a tool's result bounds them
/// (<see cref="OutputBounds"/>), so a loop's combined output of hundreds of megabytes prints a few kilobytes.
/// </summary>
internal static class CliStateJson
{
    public static ExecutionStateJsonOptions Bounded { get; } = new() { WriteData = OutputBounds.Write };
}
