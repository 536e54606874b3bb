using System.Data.Common;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// One open read connection with the statements prepared on it, by SQL text: a query that ran before on this connection
/// runs again without being parsed and planned where the provider keeps it prepared (SQLite does, and re-prepares a statement by itself when the schema has changed since).
/// Used by one caller at a time (<see cref="ReadConnections"/> lends it).
/// </summary>
internal sealed class ReadConnection : IDisposable
{
    /// <summary>Statements kept per connection; a query past them runs once and is not kept (queries whose text varies).</summary>
    public const int MaxStatements = 64;

    private readonly Dictionary<string, DbCommand> _statements = new(StringComparer.Ordinal);

    private ReadConnection(DbConnection connection) => Connection = connection;

    public DbConnection Connection { get; }

    /// <summary>Statements prepared on this connection so far.</summary>
    public int Prepared => _statements.Count;

    public static async Task<ReadConnection> OpenAsync(DbDataSource source, CancellationToken cancellationToken) =>
        new(await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Runs <paramref name="sql"/> with the parameters (null as SQL NULL); each row is read by <paramref name="read"/>, by position.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, (string Name, object? Value)[] parameters)
    {
        var kept = _statements.TryGetValue(sql, out var command);
        if (!kept)
        {
            command = Connection.Command(sql);
            kept = _statements.Count < MaxStatements;
            if (kept)
            {
                _statements.Add(sql, command);
            }
        }

        try
        {
            Bind(command!, parameters);
            var rows = new List<T>();
            using (var reader = await command!.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(read(reader));
                }
            }

            return rows;
        }
        finally
        {
            if (!kept)
            {
                command!.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        _statements.Clear();
        Connection.Dispose();
    }

    /// <summary>Binds by name; a statement run before with the same names keeps its parameter objects, only their values change.</summary>
    private static void Bind(DbCommand command, (string Name, object? Value)[] parameters)
    {
        var bound = command.Parameters;
        if (!SameNames(bound, parameters))
        {
            bound.Clear();
            foreach (var (name, _) in parameters)
            {
                command.AddParameter(name, null);
            }
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            bound[i].Value = parameters[i].Value ?? DBNull.Value;
        }
    }

    private static bool SameNames(DbParameterCollection bound, (string Name, object? Value)[] parameters)
    {
        if (bound.Count != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var name = bound[i].ParameterName;
            if (name.Length != parameters[i].Name.Length + 1 || !name.AsSpan(1).SequenceEqual(parameters[i].Name))
            {
                return false;
            }
        }

        return true;
    }
}
