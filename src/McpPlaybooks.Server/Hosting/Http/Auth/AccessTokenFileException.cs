namespace McpPlaybooks.Server.Hosting.Http.Auth;

/// <summary>
/// A tokens file that cannot be used: the message names the file, the entry (by index and identity) and the field, and
/// says what to fix. It stops the server's start: a server must never run with fewer checks than its owner asked for.
/// </summary>
internal sealed class AccessTokenFileException : Exception
{
    public AccessTokenFileException()
    {
    }

    public AccessTokenFileException(string message)
        : base(message)
    {
    }

    public AccessTokenFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
