using McpPlaybooks.Engine.Definitions;
using System.Data.Common;
using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.Memory;

/// <summary>Reads the parts of an <see cref="InsightsReport"/> that come straight from aggregate tables, all time.</summary>
internal static class InsightsReader
{

    public static Task<List<ErrorPattern>> PatternsAsync(DbConnection connection, InsightsQuery query, CancellationToken cancellationToken) =>
        MemorySql.QueryAsync(
            connection,
            $"""
            SELECT fingerprint, pattern, example, count, category, playbook_id, step_id, target, first_seen, last_seen
            FROM memory_patterns WHERE {Filter(query)} ORDER BY count DESC, last_seen DESC, id LIMIT @limit
            """,
            r => new ErrorPattern(
                r.GetString(0), r.GetString(1), r.GetString(2), (int)r.Whole(3), Category(r.NullableString(4)), r.GetString(5), r.GetString(6),
                r.NullableString(7), r.Time(8), r.Time(9)),
            cancellationToken,
            ("p", query.PlaybookId), ("s", query.StepId), ("limit", query.Limit));

    /// <summary>
    /// Every retry figure of the filter (the table is small: one row per step, target, category and attempt number), most
    /// tried first; ties are ordered here, by code point, not by the database's collation.
    /// </summary>
    public static async Task<List<RetryEffectiveness>> RetriesAsync(DbConnection connection, InsightsQuery query, CancellationToken cancellationToken) =>
        [.. (await MemorySql.QueryAsync(
            connection,
            $"""
            SELECT playbook_id, step_id, target, after_category, attempt, trials, successes
            FROM memory_retries WHERE {Filter(query)} AND trials > 0 ORDER BY trials DESC, playbook_id, step_id, attempt
            """,
            r => new RetryEffectiveness(
                r.GetString(0), r.GetString(1), r.GetString(2) is { Length: > 0 } t ? t : null, Category(r.GetString(3)) ?? ErrorCategory.Unknown,
                (int)r.Whole(4), (int)r.Whole(5), (int)r.Whole(6), (double)r.Whole(6) / r.Whole(5)),
            cancellationToken,
            ("p", query.PlaybookId), ("s", query.StepId)).ConfigureAwait(false))
            .OrderByDescending(r => r.Trials)
            .ThenBy(r => r.PlaybookId, StringComparer.Ordinal)
            .ThenBy(r => r.StepId, StringComparer.Ordinal)
            .ThenBy(r => r.Attempt)
            .ThenBy(r => r.Target, StringComparer.Ordinal)
            .ThenBy(r => r.AfterCategory)];

    public static Task<List<FlakyStep>> FlakyAsync(DbConnection connection, SqlDialect dialect, InsightsQuery query, CancellationToken cancellationToken) =>
        MemorySql.QueryAsync(
            connection,
            $"""
            SELECT playbook_id, step_id, SUM(runs), SUM(flaky) FROM memory_step_days WHERE {Filter(query)}
            GROUP BY playbook_id, step_id HAVING SUM(flaky) > 0 AND SUM(runs) > 0
            ORDER BY SUM(flaky) * 1.0 / SUM(runs) DESC, SUM(flaky) DESC, {dialect.ByCodePoint("playbook_id")}, {dialect.ByCodePoint("step_id")} LIMIT @limit
            """,
            r => new FlakyStep(r.GetString(0), r.GetString(1), (int)r.Whole(2), (int)r.Whole(3), (double)r.Whole(3) / r.Whole(2)),
            cancellationToken,
            ("p", query.PlaybookId), ("s", query.StepId), ("limit", query.Limit));

    public static Task<List<SuccessfulInputs>> LastInputsAsync(DbConnection connection, SqlDialect dialect, InsightsQuery query, CancellationToken cancellationToken) =>
        MemorySql.QueryAsync(
            connection,
            $"""
            SELECT playbook_id, playbook_version, execution_id, inputs_json, ended_at FROM memory_last_success
            WHERE {MemorySql.Where(("playbook_id = @p", query.PlaybookId is not null))} ORDER BY ended_at DESC, {dialect.ByCodePoint("playbook_id")} LIMIT @limit
            """,
            r => new SuccessfulInputs(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.Time(4)),
            cancellationToken,
            ("p", query.PlaybookId), ("limit", query.Limit));

    /// <summary>
    /// The full-text search of <see cref="InsightsQuery.Query"/> over notes and error patterns, narrowed to the query's
    /// playbook (a note about it or a pattern of it) and step (patterns of that step only: notes have no step).
    /// </summary>
    public static async Task<IReadOnlyList<SearchHit>> SearchAsync(DbConnection connection, SqlDialect dialect, InsightsQuery query, CancellationToken cancellationToken)
    {
        if (SearchQuery.ToMatch(query.Query ?? "") is not { } match)
        {
            return [];
        }

        var fullText = dialect.FullText;
        var filter = MemorySql.Where(
            (fullText.Match, true),
            ("coalesce(n.playbook_id, p.playbook_id) = @p", query.PlaybookId is not null),
            ("p.step_id = @s", query.StepId is not null));
        return await MemorySql.QueryAsync(
            connection,
            $"""
            SELECT memory_search.kind, memory_search.ref, {fullText.Snippet}, {fullText.Rank},
                coalesce(n.playbook_id, p.playbook_id), p.step_id, coalesce(n.created_at, p.last_seen, 0), p.fingerprint
            FROM memory_search
            LEFT JOIN memory_notes n ON memory_search.kind = 'note' AND n.id = memory_search.ref
            LEFT JOIN memory_patterns p ON memory_search.kind = 'pattern' AND {fullText.PatternJoin}
            WHERE {filter}
            ORDER BY {fullText.Rank}, {fullText.Order} LIMIT @limit
            """,
            r => r.GetString(0) == "note"
                ? new SearchHit(SearchHitKind.Note, r.GetString(1), r.GetString(2), r.GetDouble(3), r.NullableString(4), null, r.Time(6))
                : new SearchHit(SearchHitKind.ErrorPattern, r.NullableString(7) ?? r.GetString(1), r.GetString(2), r.GetDouble(3), r.NullableString(4), r.NullableString(5), r.Time(6)),
            cancellationToken,
            ("match", match), ("p", query.PlaybookId), ("s", query.StepId), ("limit", query.Limit)).ConfigureAwait(false);
    }

    private static string Filter(InsightsQuery query) =>
        MemorySql.Where(("playbook_id = @p", query.PlaybookId is not null), ("step_id = @s", query.StepId is not null));

    private static ErrorCategory? Category(string? name) =>
        name is not null && EnumNames.TryParse<ErrorCategory>(name, out var category) ? category : null;
}
