namespace McpPlaybooks.Engine.History;

/// <summary>
/// A write refused by the lease's fence: the writing process no longer holds the execution's lease at the epoch it won
/// (another process took it over while this one was paused or cut off). Nothing of the batch was stored; the run that
/// wrote it must stop, leaving the execution to its new owner.
/// </summary>
public sealed class LeaseLostException : HistoryWriteException
{
    public LeaseLostException()
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LeaseLostException(string databasePath, string executionId, string ownerId, long epoch, string? holderId, long? holderEpoch)
        : base(
            $"Execution {executionId}: the write of {ownerId} (lease epoch {epoch}) was refused, because {(holderId is null ? "no process" : holderId)} holds the lease now"
                + (holderEpoch is { } now ? $" (epoch {now})" : "") + ". Nothing of it was stored; this process stops running the execution and leaves it to its owner.",
            databasePath,
            null,
            null)
    {
        ExecutionId = executionId;
        OwnerId = ownerId;
        Epoch = epoch;
        HolderId = holderId;
        HolderEpoch = holderEpoch;
    }

    public string ExecutionId { get; } = "";

    /// <summary>The owner whose write was refused.</summary>
    public string OwnerId { get; } = "";

    /// <summary>The epoch of the lease that owner had won.</summary>
    public long Epoch { get; }

    /// <summary>Who holds the lease now (null: nobody, or the execution is gone).</summary>
    public string? HolderId { get; }

    public long? HolderEpoch { get; }
}
