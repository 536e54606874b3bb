using System.Collections.Concurrent;
using System.Data.Common;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The store's read connections, each with its prepared statements (<see cref="ReadConnection"/>): a query borrows an idle
/// one (or opens one) and gives it back, so a read repeated on the per-call path is neither parsed nor planned again.
/// On SQLite (WAL) they never wait for the writer. At most <see cref="MaxIdle"/> are kept open between reads.
/// </summary>
internal sealed class ReadConnections(DbDataSource source) : IDisposable
{
    public const int MaxIdle = 8;

    private readonly ConcurrentBag<ReadConnection> _idle = [];
    private int _disposed;

    /// <summary>Connections open and idle now (tests).</summary>
    public int Idle => _idle.Count;

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, (string Name, object? Value)[] parameters)
    {
        var kept = _idle.TryTake(out var idle);
        var connection = kept ? idle! : await ReadConnection.OpenAsync(source, cancellationToken).ConfigureAwait(false);
        List<T> rows;
        try
        {
            rows = await connection.QueryAsync(sql, read, cancellationToken, parameters).ConfigureAwait(false);
        }
        catch (Exception) when (kept && connection.Connection.State != System.Data.ConnectionState.Open)
        {
            // A kept connection that the database server dropped meanwhile (a restart): a read is safe to ask again, on a new one.
            connection.Dispose();
            return await QueryAsync(sql, read, cancellationToken, parameters).ConfigureAwait(false);
        }
        catch
        {
            // Whatever state the failure left it in, it is not lent again.
            connection.Dispose();
            throw;
        }

        GiveBack(connection);
        return rows;
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, 1);
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private void GiveBack(ReadConnection connection)
    {
        if (Volatile.Read(ref _disposed) != 0 || _idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (Volatile.Read(ref _disposed) != 0 && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }
}
