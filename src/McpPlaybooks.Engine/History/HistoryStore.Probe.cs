namespace McpPlaybooks.Engine.History;

/// <summary>Readiness: whether the history can still be written.</summary>
public sealed partial class HistoryStore
{
    /// <summary>
    /// Takes the write lock in an empty transaction on the writer's connection (<c>BEGIN IMMEDIATE</c>, then commit), in
    /// turn with the group commits: completes when the file can be written, faults with <see cref="HistoryWriteException"/>
    /// when it cannot, throws <see cref="ObjectDisposedException"/> once the store is closed. Writes nothing.
    /// </summary>
    public Task ProbeWritableAsync()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return writer.ExecuteAsync("probe", static _ => true);
    }
}
