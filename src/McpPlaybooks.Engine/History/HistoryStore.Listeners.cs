using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History;

public sealed partial class HistoryStore
{
    private IHistoryCommitListener? commitListener;

    /// <summary>Tells <paramref name="listener"/> of every batch this store commits from now on (the engine's metrics).</summary>
    internal void Listen(IHistoryCommitListener listener) => Volatile.Write(ref commitListener, listener);

    /// <summary>
    /// Gates waiting for a decision in this database, whichever process owns their execution. Synchronous and cheap
    /// (a partial index holds exactly these rows): read when metrics are collected.
    /// </summary>
    internal long CountPendingGates()
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            return 0;
        }

        using var connection = readers.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM approvals WHERE status = 'pending'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task Observed(Task committed, HistoryWrite[] writes)
    {
        if (Volatile.Read(ref commitListener) is not { } listener)
        {
            return committed;
        }

        return ObserveAsync(committed, writes, listener, listener.Timestamp());
    }

    private static async Task ObserveAsync(Task committed, HistoryWrite[] writes, IHistoryCommitListener listener, long queuedAt)
    {
        await committed.ConfigureAwait(false);
        listener.Committed(writes, queuedAt);
    }
}
