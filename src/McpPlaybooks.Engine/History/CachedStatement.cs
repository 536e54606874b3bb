using System.Data.Common;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// One SQL statement of the writer, prepared once on its connection and reused for every write, its
/// <c>@Name</c> parameters bound from the row's <c>Parameters</c> of the same name (explicit getters, no reflection, so
/// trimming and Native AOT keep them). Re-preparing an upsert on every write (as a fresh command does) costs more than
/// the write itself.
/// </summary>
internal sealed partial class CachedStatement<TRow> : IDisposable
{
    private readonly DbCommand _command;
    private readonly (DbParameter Parameter, Func<TRow, object?> Value)[] _bindings;

    public CachedStatement(DbConnection connection, string sql, IReadOnlyDictionary<string, Func<TRow, object?>> values)
    {
        _command = connection.Command(sql);
        _bindings = ParameterName().Matches(sql)
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .Select(name =>
            {
                var value = values.GetValueOrDefault(name) ?? throw new InvalidOperationException($"{typeof(TRow).Name} has no value {name} for the statement's @{name}");
                return (_command.AddParameter(name, null), value);
            })
            .ToArray();
    }

    /// <summary>Binds the row and runs the statement; returns the rows it changed.</summary>
    public int Execute(TRow row)
    {
        Bind(row);
        return _command.ExecuteNonQuery();
    }

    /// <summary>Binds the row and runs the statement; returns the first column of its first row (<c>RETURNING</c>), null when none.</summary>
    public object? Scalar(TRow row)
    {
        Bind(row);
        var value = _command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Binds the row and runs the statement; its rows (<c>RETURNING</c>), to read before the next use.</summary>
    public DbDataReader Reader(TRow row)
    {
        Bind(row);
        return _command.ExecuteReader();
    }

    private void Bind(TRow row)
    {
        foreach (var (parameter, value) in _bindings)
        {
            parameter.Value = value(row) ?? DBNull.Value;
        }
    }

    public void Dispose() => _command.Dispose();

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterName();
}
