using System.Data.Common;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>One statement of the fold, prepared once on the writer's connection, its parameters bound by position.</summary>
internal sealed class FoldCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    public FoldCommand(DbConnection connection, string sql, params string[] names)
    {
        _command = connection.Command(sql);
        _parameters = [.. names.Select(name => _command.AddParameter(name, null))];
    }

    /// <summary>Binds the values (null as SQL NULL) and runs the statement; returns the rows it changed.</summary>
    public int Execute(params object?[] values)
    {
        Bind(values);
        return _command.ExecuteNonQuery();
    }

    /// <summary>Binds the values and opens a reader on the results.</summary>
    public DbDataReader Query(params object?[] values)
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
