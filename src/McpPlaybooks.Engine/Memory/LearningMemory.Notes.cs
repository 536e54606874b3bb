using System.Text.Json;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Memory;

/// <summary>Notes (<c>record_learning</c>) and the full-text search over notes and error patterns.</summary>
public sealed partial class LearningMemory
{
    /// <summary>
    /// Stores a note, its text and tags masked first with the engine's secrets (as logs and outputs are): a configured
    /// secret value is stored, returned and indexed as <c>***</c>, so no search finds it by its value. Throws
    /// <see cref="NoteRejectedException"/> when a field is out of <see cref="NoteLimits"/> or the execution id is not in the history.
    /// </summary>
    public async Task<LearningNote> RecordNoteAsync(string text, IReadOnlyList<string> tags, string? playbookId, string? executionId, string author, CancellationToken cancellationToken)
    {
        var note = NoteValidation.Check(masker.Apply(text ?? ""), [.. (tags ?? []).Select(t => masker.Apply(t ?? ""))], playbookId, executionId, author);
        if (executionId is not null && await history.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NoteRejectedException(
                "execution_id",
                $"No execution '{executionId}' in the history: give the id of an execution (list_executions shows them), or leave execution_id out.");
        }

        var stored = new LearningNote(
            "note-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("n"), note.Text, note.Tags, playbookId, executionId, note.Author, time.GetUtcNow());
        await history.WriteOnConnectionAsync("record_learning", connection =>
        {
            connection.RunSql(
                """
                INSERT INTO memory_notes (id, text, tags_json, playbook_id, execution_id, author, created_at)
                VALUES (@Id, @Text, @Tags, @PlaybookId, @ExecutionId, @Author, @CreatedAt)
                """,
                ("Id", stored.Id),
                ("Text", stored.Text),
                ("Tags", JsonSerializer.Serialize(stored.Tags, MemoryJsonContext.Default.IReadOnlyListString)),
                ("PlaybookId", stored.PlaybookId),
                ("ExecutionId", stored.ExecutionId),
                ("Author", stored.Author),
                ("CreatedAt", stored.CreatedAt.ToUnixTimeMilliseconds()));
            connection.RunSql(
                "INSERT INTO memory_search (body, tags, kind, ref) VALUES (@Text, @Tags, 'note', @Id)",
                ("Text", stored.Text), ("Tags", string.Join(' ', stored.Tags)), ("Id", stored.Id));
            return 0;
        }).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Full-text search over notes and error patterns, best first; any text is accepted (words are quoted, never parsed as FTS syntax).</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await history.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await InsightsReader.SearchAsync(connection, history.Dialect, new InsightsQuery { Query = query, Limit = limit }, cancellationToken).ConfigureAwait(false);
    }
}
