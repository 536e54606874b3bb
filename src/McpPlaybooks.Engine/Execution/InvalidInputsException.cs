namespace McpPlaybooks.Engine.Execution;

/// <summary>A run was asked with inputs that do not fit the playbook; nothing ran. <see cref="Problems"/> says what to fix.</summary>
public sealed class InvalidInputsException : Exception
{
    public InvalidInputsException()
    {
    }

    public InvalidInputsException(string message)
        : base(message)
    {
    }

    public InvalidInputsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidInputsException(IReadOnlyList<string> problems)
        : base("the inputs do not fit the playbook: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
