namespace McpPlaybooks.Engine.Secrets;

/// <summary>The secrets file named in the configuration cannot be read; the message says where and how to fix it.</summary>
public sealed class SecretsFileException : Exception
{
    public SecretsFileException()
    {
    }

    public SecretsFileException(string message)
        : base(message)
    {
    }

    public SecretsFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
