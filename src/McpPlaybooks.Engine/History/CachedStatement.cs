using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// One SQL statement of the writer, prepared once on its connection and reused for every write, its
/// <c>@Name</c> parameters bound from the row's properties of the same name. Re-preparing an upsert on
/// every write (as a fresh command does) costs more than the write itself.
/// </summary>
internal sealed partial class CachedStatement : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly (SqliteParameter Parameter, PropertyInfo Property)[] _bindings;

    public CachedStatement(SqliteConnection connection, string sql, Type rowType)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _bindings = ParameterName().Matches(sql)
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .Select(name =>
            {
                var property = rowType.GetProperty(name) ?? throw new InvalidOperationException($"{rowType.Name} has no property {name} for the statement's @{name}");
                return (_command.Parameters.Add(new SqliteParameter("@" + name, null)), property);
            })
            .ToArray();
    }

    /// <summary>Binds the row and runs the statement; returns the rows it changed.</summary>
    public int Execute(object row)
    {
        foreach (var (parameter, property) in _bindings)
        {
            parameter.Value = property.GetValue(row) ?? DBNull.Value;
        }

        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterName();
}
