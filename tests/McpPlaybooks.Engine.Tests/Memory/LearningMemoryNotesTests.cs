using System.Text;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>Notes stored and found again, and the full-text search over notes and error patterns.</summary>
public sealed class LearningMemoryNotesTests
{
    [Fact]
    public async Task SearchAsync_AStoredNote_IsFoundByWordsItContains()
    {
        await using var harness = await EngineHarness.StartAsync();
        var state = await harness.RunAsync("""
            id: noted
            name: Noted
            version: 1.0.0
            steps:
              - id: hello
                action: log
                with: { message: hi }
            """);
        var note = await harness.Engine.Memory.RecordNoteAsync(
            "Restarting the web tier does not help when Postgres replication lags; promote the replica first.",
            ["postgres", "replication"],
            "noted",
            state.ExecutionId,
            "mcp:claude",
            default);
        await harness.Engine.Memory.RecordNoteAsync("Disk cleanup needs the log rotation cron to be stopped.", [], null, null, "mcp:claude", default);

        var hits = await harness.Engine.Memory.SearchAsync("replica lagging", 10, default);
        var byTag = await harness.Engine.Memory.SearchAsync("replication", 10, default);

        var hit = Assert.Single(hits);
        Assert.Equal((SearchHitKind.Note, note.Id, "noted"), (hit.Kind, hit.Id, hit.PlaybookId));
        Assert.Contains("[replica]", hit.Snippet, StringComparison.Ordinal);
        Assert.Equal(note.CreatedAt.ToUnixTimeMilliseconds(), hit.At.ToUnixTimeMilliseconds());
        Assert.Equal(note.Id, Assert.Single(byTag).Id);
        Assert.StartsWith("note-", note.Id, StringComparison.Ordinal);
        Assert.Equal(["postgres", "replication"], note.Tags);
    }

    [Fact]
    public async Task RecordNoteAsync_TextAndTagsWithASecret_StoredAndFoundMaskedNeverByTheSecret()
    {
        const string Secret = "Zq9-bindpass-hunter77";
        var directory = Path.Combine(Path.GetTempPath(), "mcpp-notes-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(directory);
        var secrets = Path.Combine(directory, "secrets.env");
        await File.WriteAllTextAsync(secrets, $"LDAP_BIND={Secret}\n");
        try
        {
            await using var harness = await EngineHarness.StartAsync(o => new EngineOptions { DataDirectory = o.DataDirectory, Database = o.Database, SecretsFile = secrets });

            var note = await harness.Engine.Memory.RecordNoteAsync($"The LDAP outage: the bind password {Secret} had expired.", ["ldap", Secret], null, null, "test", default);
            var hit = Assert.Single(await harness.Engine.Memory.SearchAsync("ldap outage expired", 10, default));
            var bySecret = await harness.Engine.Memory.SearchAsync(Secret, 10, default);
            var byPart = await harness.Engine.Memory.SearchAsync("hunter77", 10, default);

            Assert.Equal("The LDAP outage: the bind password *** had expired.", note.Text);
            Assert.Equal(["ldap", "***"], note.Tags);
            Assert.Equal(note.Id, hit.Id);
            Assert.Contains("password *** had", hit.Snippet, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, hit.Snippet, StringComparison.Ordinal);
            Assert.Empty(bySecret);
            Assert.Empty(byPart);
            // The memory reads the history in the background after opening: let it end, or its reader closing (and the WAL going with it) races the look at the files.
            await harness.Engine.Memory.Backfilled;
            await harness.Engine.History.DisposeAsync();
            foreach (var file in Directory.GetFiles(harness.Engine.Options.DataDirectory))
            {
                Assert.DoesNotContain(Secret, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task SearchAsync_ErrorMessages_AreFoundThroughTheirPattern()
    {
        await using var harness = await EngineHarness.StartAsync();
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 8);

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { Query = "fatal config" }, default);

        var hit = Assert.Single(insights.Search!);
        var pattern = Assert.Single(insights.Patterns);
        Assert.Equal((SearchHitKind.ErrorPattern, pattern.Fingerprint, "config-check", "check"), (hit.Kind, hit.Id, hit.PlaybookId, hit.StepId));
        Assert.Contains("[fatal] [config]", hit.Snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"unbalanced AND (")]
    [InlineData("NEAR(a b) OR * ^col:")]
    [InlineData("   ")]
    [InlineData("-- ; DROP TABLE memory_notes")]
    public async Task SearchAsync_TextThatIsBadFtsSyntax_NeverThrows(string query)
    {
        await using var harness = await EngineHarness.StartAsync();
        await harness.Engine.Memory.RecordNoteAsync("a note about tables and columns", [], null, null, "test", default);

        var hits = await harness.Engine.Memory.SearchAsync(query, 5, default);

        Assert.True(hits.Count <= 1);
    }

    [Fact]
    public async Task RecordNoteAsync_UnknownExecution_IsRejectedNamingTheField()
    {
        await using var harness = await EngineHarness.StartAsync();

        var error = await Assert.ThrowsAsync<NoteRejectedException>(() => harness.Engine.Memory.RecordNoteAsync("text", [], null, "ex-nope", "test", default));

        Assert.Equal("execution_id", error.Field);
        Assert.Contains("No execution 'ex-nope'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("x", "author")]
    public async Task RecordNoteAsync_FieldOutOfBounds_IsRejectedNamingTheField(string text, string field)
    {
        await using var harness = await EngineHarness.StartAsync();
        var author = field == "author" ? "" : "test";

        var error = await Assert.ThrowsAsync<NoteRejectedException>(() => harness.Engine.Memory.RecordNoteAsync(text, [], null, null, author, default));
        var tooLong = await Assert.ThrowsAsync<NoteRejectedException>(() => harness.Engine.Memory.RecordNoteAsync(new string('a', NoteLimits.MaxTextLength + 1), [], null, null, "test", default));
        var tooManyTags = await Assert.ThrowsAsync<NoteRejectedException>(() => harness.Engine.Memory.RecordNoteAsync("x", [.. Enumerable.Range(0, NoteLimits.MaxTags + 1).Select(i => "t" + i)], null, null, "test", default));

        Assert.Equal(field, error.Field);
        Assert.Equal("text", tooLong.Field);
        Assert.Equal("tags", tooManyTags.Field);
    }
}
