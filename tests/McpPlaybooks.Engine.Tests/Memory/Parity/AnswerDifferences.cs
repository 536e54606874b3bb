using System.Text.Json.Nodes;

namespace McpPlaybooks.Engine.Tests.Memory.Parity;

/// <summary>
/// Walks two answer documents and lists every field that differs (by path), so a failing comparison names all of them at
/// once. Numbers are compared exactly: every rate and mean is computed in C# from integer sums, which both stores give
/// exactly. A search hit's <c>Rank</c> is each store's own relevance figure (SQLite's bm25, PostgreSQL's ts_rank): only
/// its sign is compared, and the hits' order (ties broken the same way) must be the same.
/// </summary>
internal static class AnswerDifferences
{
    public static List<string> Between(JsonNode? left, JsonNode? right)
    {
        var differences = new List<string>();
        Walk("", left, right, differences);
        return differences;
    }

    private static void Walk(string path, JsonNode? left, JsonNode? right, List<string> differences)
    {
        switch (left, right)
        {
            case (null, null):
                return;
            case (JsonObject l, JsonObject r):
                foreach (var key in l.Select(p => p.Key).Union(r.Select(p => p.Key)))
                {
                    if (key == "Rank" && l[key] is JsonValue a && r[key] is JsonValue b)
                    {
                        if (Math.Sign(a.GetValue<double>()) != Math.Sign(b.GetValue<double>()))
                        {
                            differences.Add($"{path}.Rank: sign of {a} and {b}");
                        }

                        continue;
                    }

                    Walk(path + "." + key, l[key], r[key], differences);
                }

                return;
            case (JsonArray l, JsonArray r):
                if (l.Count != r.Count)
                {
                    differences.Add($"{path}: {l.Count} items and {r.Count} items: {Short(l)} | {Short(r)}");
                    return;
                }

                for (var i = 0; i < l.Count; i++)
                {
                    Walk($"{path}[{i}]", l[i], r[i], differences);
                }

                return;
            default:
                if (left?.ToJsonString() != right?.ToJsonString())
                {
                    differences.Add($"{path}: {Short(left)} | {Short(right)}");
                }

                return;
        }
    }

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 400 ? text : text[..400] + "…";
    }
}
