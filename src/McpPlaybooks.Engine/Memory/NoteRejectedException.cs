namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// A note that cannot be stored: a field out of bounds or an execution id that is not in the history. The message says
/// which field is wrong and how to fix it; <see cref="Field"/> names it (<c>text</c>, <c>tags</c>, <c>author</c>,
/// <c>execution_id</c>, <c>playbook_id</c>).
/// </summary>
public sealed class NoteRejectedException : Exception
{
    public NoteRejectedException()
    {
        Field = string.Empty;
    }

    public NoteRejectedException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    public NoteRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    public NoteRejectedException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public string Field { get; }
}
