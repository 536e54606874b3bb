using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>Reads a data directory's SQLite history as the crash tests check it: read-only, one connection per read.</summary>
internal static class HistoryFile
{
    /// <summary>The execution's status as committed, or null when it was never recorded.</summary>
    public static string? Status(string database, string executionId) => Scalar(database, "SELECT status FROM executions WHERE id = $id", executionId);

    /// <summary>The first column of the first row of <paramref name="sql"/>, with <c>$id</c> bound to <paramref name="id"/>; null for none.</summary>
    public static string? Scalar(string database, string sql, string id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as string;
    }
}
