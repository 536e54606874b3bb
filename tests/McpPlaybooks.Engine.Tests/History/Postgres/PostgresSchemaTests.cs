using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Postgres;
using McpPlaybooks.Engine.History.Schema;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>The PostgreSQL schema against a real server: the same tables, columns and indexes as SQLite's newest, migrated once under a lock.</summary>
public sealed class PostgresSchemaTests : IAsyncLifetime
{
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    private HistoryLocation Location(string? connectionString = null) =>
        HistoryLocation.Parse(connectionString ?? _schema.ConnectionString, "/unused", "/", _ => null, out var problem) ?? throw new InvalidOperationException(problem);

    private static Task<NpgsqlDataSource> OpenAsync(HistoryLocation location) =>
        PostgresHistory.OpenAsync(location, TimeProvider.System, CancellationToken.None);

    [Fact]
    public async Task Migrate_NewSchema_HasEverySqliteTableColumnAndIndex()
    {
        await using (await OpenAsync(Location()))
        {
        }

        var sqlite = SqliteShape(out var sqliteIndexes);
        var postgres = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var postgresIndexes = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = await _schema.ConnectAsync())
        {
            await using (var columns = new NpgsqlCommand("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()", connection))
            await using (var reader = await columns.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    Add(postgres, reader.GetString(0), reader.GetString(1));
                }
            }

            await using var indexes = new NpgsqlCommand("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()", connection);
            await using var indexReader = await indexes.ExecuteReaderAsync();
            while (await indexReader.ReadAsync())
            {
                postgresIndexes.Add(indexReader.GetString(0));
            }
        }

        // PostgreSQL's own additions: the migrations table, and the search table's row id and tsvector document.
        Assert.Equal(new[] { "applied_at", "version" }, postgres["schema_migrations"]);
        postgres.Remove("schema_migrations");
        postgres["memory_search"].ExceptWith(["id", "search_vector"]);
        Assert.Equal(sqlite.Keys.Order(StringComparer.Ordinal), postgres.Keys.Order(StringComparer.Ordinal));
        Assert.All(sqlite, table => Assert.Equal(table.Value, postgres[table.Key]));
        Assert.Empty(sqliteIndexes.Except(postgresIndexes));
        Assert.Contains("ix_memory_search_vector", postgresIndexes);
    }

    [Fact]
    public async Task Migrate_TwoServersAtOnce_OneMigratesTheOtherFindsItDone()
    {
        var location = Location();
        await using var first = PostgresDataSource.Create(location);
        await using var second = PostgresDataSource.Create(location);

        var results = await Task.WhenAll(
            Task.Run(() => PostgresSchema.MigrateAsync(first, location, TimeProvider.System, CancellationToken.None)),
            Task.Run(() => PostgresSchema.MigrateAsync(second, location, TimeProvider.System, CancellationToken.None)));

        Assert.All(results, result => Assert.Equal(PostgresMigrations.Latest, result.Version));
        Assert.Equal(PostgresMigrations.Latest, results.Sum(result => result.Applied));
        var again = await PostgresSchema.MigrateAsync(first, location, TimeProvider.System, CancellationToken.None);
        Assert.Equal((PostgresMigrations.Latest, 0), again);
    }

    [Fact]
    public async Task Open_NewerSchema_IsRefusedInOneSentence()
    {
        await using (await OpenAsync(Location()))
        {
        }

        await using (var connection = await _schema.ConnectAsync())
        {
            await using var newer = new NpgsqlCommand($"INSERT INTO schema_migrations VALUES ({PostgresMigrations.Latest + 1}, 0)", connection);
            await newer.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<HistoryWriteException>(() => OpenAsync(Location()));

        Assert.Contains($"has schema version {PostgresMigrations.Latest + 1}, but this version of McpPlaybooks knows only up to {PostgresMigrations.Latest}", refused.Message, StringComparison.Ordinal);
        Assert.Contains(_schema.Name, refused.Message, StringComparison.Ordinal);
        AssertMasked(refused.Message);
    }

    [Fact]
    public async Task Open_WrongPassword_SaysCredentialsAndHidesThem()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Password = "not-the-password-42" };

        var refused = await Assert.ThrowsAsync<HistoryWriteException>(() => OpenAsync(Location(wrong.ConnectionString)));

        Assert.Contains("refused the credentials", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-42", refused.Message, StringComparison.Ordinal);
        AssertMasked(refused.Message);
    }

    [Fact]
    public async Task Open_NothingListening_SaysItCannotBeReached()
    {
        var closed = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Port = ClosedPort(), Timeout = 5 };

        var refused = await Assert.ThrowsAsync<HistoryWriteException>(() => OpenAsync(Location(closed.ConnectionString)));

        Assert.Contains("cannot be reached", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"Port={closed.Port}", refused.Message, StringComparison.Ordinal);
        AssertMasked(refused.Message);
    }

    [Fact]
    public async Task Open_SearchPathWithoutSchema_SaysCreateIt()
    {
        var missing = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { SearchPath = _schema.Name + "_missing" };

        var refused = await Assert.ThrowsAsync<HistoryWriteException>(() => OpenAsync(Location(missing.ConnectionString)));

        Assert.Contains("CREATE SCHEMA", refused.Message, StringComparison.Ordinal);
        AssertMasked(refused.Message);
    }

    private void AssertMasked(string message)
    {
        var password = new NpgsqlConnectionStringBuilder(_schema.ConnectionString).Password;
        Assert.False(string.IsNullOrEmpty(password));
        Assert.DoesNotContain(password, message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Dictionary<string, SortedSet<string>> SqliteShape(out HashSet<string> indexes)
    {
        using var folder = new HistoryFolder();
        DatabaseFile.CreateIfMissing(folder.DatabasePath);
        using var connection = folder.Connect();
        var tables = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'memory_search_%'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                Add(tables, reader.GetString(0), reader.GetString(1));
            }
        }

        indexes = new HashSet<string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        SqliteConnection.ClearAllPools();
        return tables;
    }

    private static void Add(Dictionary<string, SortedSet<string>> tables, string table, string column)
    {
        if (!tables.TryGetValue(table, out var columns))
        {
            tables[table] = columns = new SortedSet<string>(StringComparer.Ordinal);
        }

        columns.Add(column);
    }
}
