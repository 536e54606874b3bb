namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>What looking an executable up found.</summary>
internal enum ExecutableStatus
{
    Found,
    NotFound,
    NotExecutable,
}
