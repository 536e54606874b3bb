using McpPlaybooks.Engine.Memory.Folding;
using Microsoft.Data.Sqlite;

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

    /// <summary>Opens a pooled read connection (WAL: it never waits for the writer); the caller disposes it.</summary>
    internal async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var connection = new SqliteConnection(readerConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Runs <paramref name="operation"/> in its own transaction on the writer's connection; faults with <see cref="HistoryWriteException"/>.</summary>
    internal Task<T> WriteOnConnectionAsync<T>(string name, Func<SqliteConnection, T> operation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return writer.ExecuteAsync(name, statements => operation(statements.Connection));
    }

    /// <summary>As <see cref="WriteOnConnectionAsync{T}"/>, with the writer's <see cref="MemoryFolder"/> (the learning memory's backfill).</summary>
    internal Task<T> FoldOnWriterAsync<T>(string name, Func<SqliteConnection, MemoryFolder, T> operation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return writer.ExecuteAsync(name, statements => operation(statements.Connection, statements.Folder));
    }
}
