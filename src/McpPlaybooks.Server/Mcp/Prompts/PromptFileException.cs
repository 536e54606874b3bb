namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>A prompt file that cannot be served: the message names the file (and the line when known) and what is wrong. It stops the server's start.</summary>
internal sealed class PromptFileException : Exception
{
    public PromptFileException()
    {
    }

    public PromptFileException(string message)
        : base(message)
    {
    }

    public PromptFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
