namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// A problem the caller can fix (an unknown id, a bad combination of arguments): the tool's result is <c>isError</c>
/// with this message, which says what is wrong and what to call next.
/// </summary>
internal sealed class ToolErrorException : Exception
{
    public ToolErrorException()
    {
    }

    public ToolErrorException(string message)
        : base(message)
    {
    }

    public ToolErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
