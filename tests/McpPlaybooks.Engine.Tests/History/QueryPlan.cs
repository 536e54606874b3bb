using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>The lines of <c>EXPLAIN QUERY PLAN</c> for a statement and its parameters (names without <c>@</c>).</summary>
internal static class QueryPlan
{
    public static List<string> Of(SqliteConnection connection, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        }

        var plan = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
