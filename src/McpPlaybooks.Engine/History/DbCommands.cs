using System.Data.Common;

namespace McpPlaybooks.Engine.History;

/// <summary>One-off statements on a connection, with named parameters (null as SQL NULL): plain ADO.NET, no reflection.</summary>
internal static class DbCommands
{
    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public static int RunSql(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or null when there is none.</summary>
    public static object? ScalarSql(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(connection, sql, parameters);
        return command.ExecuteScalar() is var value and not DBNull ? value : null;
    }

    /// <summary>Every row, each read by <paramref name="read"/>.</summary>
    public static List<T> QuerySql<T>(this DbConnection connection, string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Adds the parameter <c>@<paramref name="name"/></c> (made by the command's provider) with its value, null as SQL NULL.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>A command on the connection with this text.</summary>
    public static DbCommand Command(this DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static DbCommand Create(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        return command;
    }
}
