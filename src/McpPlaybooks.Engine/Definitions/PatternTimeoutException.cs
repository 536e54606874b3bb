using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>
/// An input's <c>pattern</c> took longer than <see cref="Text.PlaybookRegex.InputMatchTimeout"/> on a value: the value
/// was not checked, and the playbook's pattern is at fault, not the value. The message names the pattern, where it is
/// written and what to change; <see cref="Pattern"/> is its node, for a diagnostic.
/// </summary>
public sealed class PatternTimeoutException : Exception
{
    public PatternTimeoutException()
    {
    }

    public PatternTimeoutException(string message)
        : base(message)
    {
    }

    public PatternTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PatternTimeoutException(string message, DocumentNode? pattern, string fix, Exception innerException)
        : base(message, innerException)
    {
        Pattern = pattern;
        Fix = fix;
    }

    /// <summary>The pattern's node in the playbook (its line, column and path).</summary>
    public DocumentNode? Pattern { get; }

    /// <summary>What to change in the playbook.</summary>
    public string Fix { get; } = "";
}
