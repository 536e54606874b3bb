using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Postgres;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Secrets;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>PostgreSQL script 2 on a history that script 1 built: the rows already indexed are searched as FTS5 searches them.</summary>
public sealed class PostgresSearchMigrationTests : IAsyncLifetime
{
    private const string Text = "The café server is refusing connections at /etc/app/42.conf";

    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Open_HistoryAtVersion1WithANote_MigratesAndFindsItByStemAccentlessWordAndPathPart()
    {
        await using (var connection = await _schema.ConnectAsync())
        {
            await RunAsync(connection, "CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)");
            await RunAsync(connection, PostgresMigrations.Scripts[0]);
            await RunAsync(connection, "INSERT INTO schema_migrations VALUES (1, 0)");
            await RunAsync(connection, $"INSERT INTO memory_notes (id, text, tags_json, author, created_at) VALUES ('note-1', '{Text}', '[\"proxy\"]', 'alice', 0)");
            await RunAsync(connection, $"INSERT INTO memory_search (body, tags, kind, ref) VALUES ('{Text}', 'proxy', 'note', 'note-1')");
            // A pattern as script 1's fold indexed it: its ref is lastval(), the search row's own id (2), not the pattern's (1).
            await RunAsync(connection, """
                INSERT INTO memory_patterns (fingerprint, playbook_id, step_id, category, pattern, example, count, first_seen, last_seen)
                VALUES ('0123456789ab', 'deploy', 'push', 'temporary', 'registry unreachable at <address>', 'registry unreachable at 10.0.0.1', 1, 0, 0)
                """);
            await RunAsync(connection, "INSERT INTO memory_search (body, tags, kind, ref) VALUES ('registry unreachable at <address>', '', 'pattern', lastval())");
        }

        await using var store = await HistoryStore.OpenAsync(_schema.Location, TimeProvider.System, logger: null, killAfterCommits: null, checkBeside: false, CancellationToken.None);
        var memory = new LearningMemory(store, TimeProvider.System, enabled: true, SecretMasker.None, NullLogger.Instance);

        Assert.Equal(PostgresMigrations.Latest, store.SchemaVersion);
        // A stem ("refused" for "refusing"), a word without its accent, a word inside a path, a stop-word of PostgreSQL's 'english'.
        foreach (var words in new[] { "refused", "cafe", "café", "conf", "etc app", "the", "proxies" })
        {
            Assert.Equal("note-1", Assert.Single(await memory.SearchAsync(words, 5, default)).Id);
        }

        Assert.Empty(await memory.SearchAsync("absent", 5, default));
        var pattern = Assert.Single(await memory.SearchAsync("unreachable registries", 5, default));
        Assert.Equal((SearchHitKind.ErrorPattern, "0123456789ab", "deploy", "push"), (pattern.Kind, pattern.Id, pattern.PlaybookId, pattern.StepId));
    }

    private static async Task RunAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
