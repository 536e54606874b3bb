namespace McpPlaybooks.Engine.History;

/// <summary>
/// A transaction whose connection was lost while its COMMIT was on its way: its batches wait at the head of the queue until
/// the database says whether it took effect. Committed: <see cref="CompleteAsCommitted"/> completes them as the commit would
/// have. Rolled back: they run again.
/// </summary>
internal sealed record InDoubtCommit(string TransactionId, int ProcessId, IReadOnlyList<PendingWrite> Batches, Action CompleteAsCommitted);
