namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>The playbook text an execution is pinned to is missing from history or no longer loads: the execution cannot be rebuilt.</summary>
internal sealed class PinnedPlaybookException : Exception
{
    public PinnedPlaybookException()
    {
    }

    public PinnedPlaybookException(string message)
        : base(message)
    {
    }

    public PinnedPlaybookException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
