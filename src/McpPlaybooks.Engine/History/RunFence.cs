namespace McpPlaybooks.Engine.History;

/// <summary>
/// The lease epoch one run's writes are fenced at: the epoch at which its process held the execution when that run was
/// made, never a later one. A process that lost an execution while paused and then claimed it again holds it at a new
/// epoch, and the run from before (still in memory, still able to write) must not write at it: its writes carry the old
/// epoch, which the database refuses. Unknown until the run's first write is checked (a new execution's is adopted then)
/// or the takeover that made the run sets it.
/// </summary>
internal sealed class RunFence(string executionId)
{
    private const long Unknown = -1;

    private long _epoch = Unknown;

    /// <summary>The execution the run writes.</summary>
    public string ExecutionId { get; } = executionId;

    /// <summary>The epoch the run's writes carry; null until known.</summary>
    public long? Epoch => Volatile.Read(ref _epoch) is var epoch and not Unknown ? epoch : null;

    /// <summary>Sets the epoch the run holds (a takeover, from the row it claimed).</summary>
    public void Hold(long epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        Volatile.Write(ref _epoch, epoch);
    }

    /// <summary>Sets the epoch once, if still unknown: the first fenced write's (the writer's thread).</summary>
    public long Pin(long epoch)
    {
        var before = Interlocked.CompareExchange(ref _epoch, epoch, Unknown);
        return before == Unknown ? epoch : before;
    }
}
