using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History;

/// <summary>Hears each batch of writes once it is committed, with how long the caller waited for the commit. Must be quick.</summary>
internal interface IHistoryCommitListener
{
    /// <summary>A timestamp (<see cref="TimeProvider.GetTimestamp"/>) taken when a batch is queued.</summary>
    long Timestamp();

    void Committed(IReadOnlyList<HistoryWrite> writes, long queuedAt);
}
