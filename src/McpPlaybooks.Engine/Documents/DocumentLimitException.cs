namespace McpPlaybooks.Engine.Documents;

/// <summary>Raised inside the reader when a document goes past one of <see cref="DocumentLimits"/>.</summary>
internal sealed class DocumentLimitException(string message, SourceLocation location, string fix) : Exception(message)
{
    public SourceLocation Location { get; } = location;

    public string Fix { get; } = fix;
}
