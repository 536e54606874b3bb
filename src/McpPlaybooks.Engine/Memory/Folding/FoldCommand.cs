using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>One statement of the fold, prepared once on the writer's connection, its parameters bound by position.</summary>
internal sealed class FoldCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public FoldCommand(SqliteConnection connection, string sql, params string[] names)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = [.. names.Select(name => _command.Parameters.Add(new SqliteParameter("@" + name, DBNull.Value)))];
    }

    /// <summary>Binds the values (null as SQL NULL) and runs the statement; returns the rows it changed.</summary>
    public int Execute(params object?[] values)
    {
        Bind(values);
        return _command.ExecuteNonQuery();
    }

    /// <summary>Binds the values and opens a reader on the results.</summary>
    public SqliteDataReader Query(params object?[] values)
    {
        Bind(values);
        return _command.ExecuteReader();
    }

    public void Dispose() => _command.Dispose();

    private void Bind(object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
