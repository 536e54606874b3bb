using McpPlaybooks.Engine.History;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>A temporary folder holding a real SQLite history file; deleted (pools cleared first) when disposed.</summary>
internal sealed class HistoryFolder : IDisposable
{
    public HistoryFolder()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "mcpplaybooks-history-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Root, "history.db");

    public Task<HistoryStore> OpenAsync() => OpenAsync(DatabasePath);

    public static Task<HistoryStore> OpenAsync(string path) => HistoryStore.OpenAsync(path, TimeProvider.System, null, CancellationToken.None);

    /// <summary>A separate connection, as sqlite3 would open the file.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
