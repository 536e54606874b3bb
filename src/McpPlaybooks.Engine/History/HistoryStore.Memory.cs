using System.Data.Common;
using McpPlaybooks.Engine.Memory.Folding;

namespace McpPlaybooks.Engine.History;

/// <summary>The learning memory's access to the store: its switch, pooled read connections, and operations on the writer.</summary>
public sealed partial class HistoryStore
{
    /// <summary>Whether executions saved with a final status are folded into the learning memory (on unless the engine turns it off).</summary>
    internal bool FoldsMemory
    {
        get => writer.FoldsMemory;
        set => writer.FoldsMemory = value;
    }

    /// <summary>Opens a pooled read connection (on SQLite, WAL: it never waits for the writer); the caller disposes it.</summary>
    internal async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return await readers.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="operation"/> in its own transaction on the writer's connection; faults with <see cref="HistoryWriteException"/>.</summary>
    internal Task<T> WriteOnConnectionAsync<T>(string name, Func<DbConnection, T> operation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return writer.ExecuteAsync(name, statements => operation(statements.Connection));
    }

    /// <summary>As <see cref="WriteOnConnectionAsync{T}"/>, with the writer's <see cref="MemoryFolder"/> (the learning memory's backfill).</summary>
    internal Task<T> FoldOnWriterAsync<T>(string name, Func<DbConnection, MemoryFolder, T> operation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return writer.ExecuteAsync(name, statements => operation(statements.Connection, statements.Folder));
    }
}
