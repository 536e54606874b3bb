namespace McpPlaybooks.Engine.History;

/// <summary>
/// The writer's connection was lost in a transaction (<see cref="WriterReconnection.IsLost"/>). Thrown inside the writer only: its
/// batches wait for a new connection instead of failing. <see cref="Committing"/>: the COMMIT was sent, so whether the
/// transaction took effect is in doubt until the database is asked about <see cref="TransactionId"/>.
/// </summary>
internal sealed class WriterConnectionLost : Exception
{
    public WriterConnectionLost()
    {
    }

    public WriterConnectionLost(string message)
        : base(message)
    {
    }

    public WriterConnectionLost(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WriterConnectionLost(Exception cause, bool committing, string? transactionId, int processId, object? result)
        : base("The writer's connection was lost.", cause)
    {
        Committing = committing;
        TransactionId = transactionId;
        ProcessId = processId;
        Result = result;
    }

    /// <summary>Whether the failure came while the COMMIT was on its way (the outcome is in doubt).</summary>
    public bool Committing { get; }

    /// <summary>The transaction's id, once it had begun; null when the failure came before.</summary>
    public string? TransactionId { get; }

    /// <summary>The server process of the lost connection.</summary>
    public int ProcessId { get; }

    /// <summary>What the transaction's body returned (an operation's result), valid when it turns out committed.</summary>
    public object? Result { get; }
}
