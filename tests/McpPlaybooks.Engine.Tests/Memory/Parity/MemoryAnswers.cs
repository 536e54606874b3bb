using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using McpPlaybooks.Engine.Memory;

namespace McpPlaybooks.Engine.Tests.Memory.Parity;

/// <summary>
/// Every answer the learning memory gives about <see cref="ParityHistory"/>, as one JSON document keyed by question (what a
/// caller sees before a run, metrics, days, track records, validate_playbook's warnings, searches), for comparing stores.
/// </summary>
internal static class MemoryAnswers
{
    /// <summary>Words searched: stems (refused/refusing, timeouts/timed), a stop-word, words inside paths and host names, numbers, accents.</summary>
    public static readonly string[] Searches =
    [
        "connection refused", "refusing", "timeouts", "timed out", "the", "the server", "etc backup conf", "internal", "db 2", "503",
        "permission denied", "café", "cafe", "fermé", "réessayez", "alice", "retries", "registry proxy", "mondays", "token_refresh", "sock",
    ];

    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The answers of <paramref name="store"/>'s memory, its notes' ids replaced by <c>note#1</c>, <c>note#2</c>... (the ids are random in part).</summary>
    public static async Task<JsonObject> ReadAsync(ParityStore store)
    {
        var text = (await ReadAsync(store.Memory)).ToJsonString();
        for (var i = 0; i < store.NoteIds.Count; i++)
        {
            text = text.Replace(store.NoteIds[i], $"note#{i + 1}", StringComparison.Ordinal);
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> ReadAsync(LearningMemory memory)
    {
        var t0 = ParityHistory.T0;
        var answers = new JsonObject
        {
            ["metrics"] = Json(await memory.GetMetricsAsync(new MetricsQuery(), default)),
            ["metrics since day 15"] = Json(await memory.GetMetricsAsync(new MetricsQuery { Since = t0.AddDays(15).AddHours(7) }, default)),
            ["metrics of deployer"] = Json(await memory.GetMetricsAsync(new MetricsQuery { PlaybookId = "deployer" }, default)),
            ["metrics after the runs"] = Json(await memory.GetMetricsAsync(new MetricsQuery { Since = t0.AddDays(60) }, default)),
            ["insights"] = Json(await memory.GetInsightsAsync(new InsightsQuery { Limit = 50 }, ParityHistory.Definition, default)),
            ["insights before a run of deploy-web"] = Insights(await memory.GetInsightsAsync(
                new InsightsQuery { PlaybookId = "deploy-web", Query = "connection refused by the registry" }, ParityHistory.Definition, default)),
            ["insights of db-backup upload"] = Insights(await memory.GetInsightsAsync(
                new InsightsQuery { PlaybookId = "db-backup", StepId = "upload", Query = "permission denied", Limit = 3 }, ParityHistory.Definition, default)),
            ["insights without definitions"] = Json(await memory.GetInsightsAsync(new InsightsQuery { Limit = 4 }, default)),
            ["days"] = Json(await memory.GetDaysAsync(null, t0, default)),
            ["days of deploy-web from day 20"] = Json(await memory.GetDaysAsync("deploy-web", t0.AddDays(20), default)),
            ["track records"] = Json((await memory.GetTrackRecordsAsync(default)).OrderBy(r => r.Key, StringComparer.Ordinal).ToList()),
            ["track record of Zeta-sync"] = Json(await memory.GetTrackRecordAsync("Zeta-sync", default)),
            ["warnings of db-backup"] = Json(await memory.GetHistoryWarningsAsync(ParityHistory.Definition("db-backup")!, default)),
            ["warnings of login-check"] = Json(await memory.GetHistoryWarningsAsync(ParityHistory.Definition("login-check")!, default)),
        };
        foreach (var words in Searches)
        {
            answers["search " + words] = Hits(await memory.SearchAsync(words, 50, default));
        }

        return answers;
    }

    private static JsonNode Insights(InsightsReport report)
    {
        var json = Json(report with { Search = null })!;
        json["Search"] = Hits(report.Search ?? []);
        return json;
    }

    /// <summary>
    /// Search hits in a fixed order (kind, id), each with whether its snippet has text instead of the snippet: the order by
    /// relevance and the snippet are each store's own (bm25 and FTS5's snippet, ts_rank and ts_headline, which marks only
    /// the words PostgreSQL's parser finds: not those inside a path or a host name, nor a word written with its accent).
    /// </summary>
    private static JsonNode? Hits(IReadOnlyList<SearchHit> hits) => Json(hits
        .OrderBy(h => h.Kind).ThenBy(h => h.Id, StringComparer.Ordinal)
        .Select(h => new
        {
            h.Kind, h.Id, HasSnippet = h.Snippet.Length > 0, h.Rank, h.PlaybookId, h.StepId, h.At,
        }).ToList());

    public static JsonNode? Json<T>(T value) => JsonSerializer.SerializeToNode(value, Options);
}
