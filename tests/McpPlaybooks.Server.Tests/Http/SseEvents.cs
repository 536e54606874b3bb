namespace McpPlaybooks.Server.Tests.Http;

/// <summary>The events of a finished SSE body: each one's id and data (empty for a priming event).</summary>
internal static class SseEvents
{
    public static IReadOnlyList<(string Id, string Data)> Parse(string body)
    {
        var events = new List<(string Id, string Data)>();
        foreach (var block in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var id = lines.FirstOrDefault(line => line.StartsWith("id:", StringComparison.Ordinal))?[3..].Trim();
            var data = string.Join('\n', lines.Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line[5..].Trim()));
            if (id is not null)
            {
                events.Add((id, data));
            }
        }

        return events;
    }
}
