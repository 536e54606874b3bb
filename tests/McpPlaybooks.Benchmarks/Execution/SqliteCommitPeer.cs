using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>
/// The peer of a durable step: one SQLite commit of one small row, on a file set up as the history is (WAL,
/// <c>synchronous = NORMAL</c>), with a prepared statement between <c>BEGIN IMMEDIATE</c> and <c>COMMIT</c>. The median of many.
/// </summary>
internal static class SqliteCommitPeer
{
    public static TimeSpan Median(string directory, int commits = 2000)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "peer.db")};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE rows (id INTEGER PRIMARY KEY, step TEXT NOT NULL, status TEXT NOT NULL, at INTEGER NOT NULL)");
        using var begin = Command(connection, "BEGIN IMMEDIATE");
        using var commit = Command(connection, "COMMIT");
        using var insert = Command(connection, "INSERT INTO rows (step, status, at) VALUES (@step, 'completed', @at)");
        var step = insert.Parameters.Add(new SqliteParameter("@step", "s0"));
        var at = insert.Parameters.Add(new SqliteParameter("@at", 0L));
        begin.Prepare();
        commit.Prepare();
        insert.Prepare();
        var times = new List<TimeSpan>(commits);
        for (var i = 0; i < commits + 100; i++)
        {
            var watch = Stopwatch.StartNew();
            begin.ExecuteNonQuery();
            step.Value = "s" + i;
            at.Value = (long)i;
            insert.ExecuteNonQuery();
            commit.ExecuteNonQuery();
            if (i >= 100)
            {
                times.Add(watch.Elapsed); // the first hundred warm up
            }
        }

        return Timings.Median(times);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
