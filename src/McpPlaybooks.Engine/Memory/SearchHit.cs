namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// One full-text hit: a note (<paramref name="Id"/> is the note's id) or an error pattern (its fingerprint), with a
/// snippet where the words are marked <c>[like this]</c>. Best first (<paramref name="Rank"/>: lower is better, bm25).
/// </summary>
public sealed record SearchHit(
    SearchHitKind Kind,
    string Id,
    string Snippet,
    double Rank,
    string? PlaybookId,
    string? StepId,
    DateTimeOffset At);
