namespace McpPlaybooks.Engine.History;

/// <summary>One loss of the writer's connection, from the failure to the new connection (or to giving up).</summary>
internal sealed class WriterOutage(long startedAt, string cause)
{
    /// <summary>When it began (<see cref="TimeProvider.GetTimestamp"/> of the writer's clock).</summary>
    public long StartedAt { get; } = startedAt;

    /// <summary>Connections tried so far.</summary>
    public int Attempts { get; set; }

    /// <summary>The last failure, masked.</summary>
    public string Cause { get; set; } = cause;

    /// <summary>The last failure itself, for the inner exception of the writes that fail.</summary>
    public Exception? LastError { get; set; }

    /// <summary>A transaction cut off while committing, until the database says whether it took effect.</summary>
    public InDoubtCommit? Doubt { get; set; }

    /// <summary>Set once the writer gave up waiting: from then on each write tries one connection, and fails at once without one.</summary>
    public bool GaveUp { get; set; }
}
