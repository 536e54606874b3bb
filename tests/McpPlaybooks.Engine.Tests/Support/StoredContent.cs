using System.Text;
using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// Everything a test's engine stored, for the tests that prove a secret (or a link's token) never reached storage: the
/// bytes of every file under a folder (on SQLite the history file and its WAL are among them) and, when the history is
/// on PostgreSQL, the rows of every table of its schema as text.
/// </summary>
internal static class StoredContent
{
    public static async Task<IReadOnlyList<(string Where, byte[] Bytes)>> ReadAsync(string directory, HistoryLocation history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var stored = new List<(string Where, byte[] Bytes)>();
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
            {
                stored.Add((Path.GetFileName(file), await File.ReadAllBytesAsync(file)));
            }
        }

        if (history.Kind == StoreKind.Postgres)
        {
            await using var connection = new NpgsqlConnection(history.Target);
            await connection.OpenAsync();
            foreach (var table in await TablesAsync(connection))
            {
                await using var rows = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"{table}\" t", connection);
                stored.Add(("table " + table, Encoding.UTF8.GetBytes((string)(await rows.ExecuteScalarAsync())!)));
            }

            Assert.Contains(stored, s => s.Where == "table executions");
        }

        return stored;
    }

    /// <summary>Fails naming the file or table that holds one of <paramref name="texts"/> (as UTF-8).</summary>
    public static async Task AssertNoneOfAsync(string directory, HistoryLocation history, IEnumerable<string> texts)
    {
        var stored = await ReadAsync(directory, history);
        foreach (var text in texts)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            foreach (var (where, content) in stored)
            {
                Assert.True(content.AsSpan().IndexOf(bytes) < 0, $"{where} holds '{text}'");
            }
        }
    }

    private static async Task<List<string>> TablesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
