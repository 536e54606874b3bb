namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>
/// One batch of the backfill: how many unfolded executions it read and folded, and the key of the last one read
/// (its <c>ended_at</c> and id), after which the next batch starts.
/// </summary>
internal readonly record struct BackfillBatch(int Read, int Folded, long LastEndedAt, string LastId);
