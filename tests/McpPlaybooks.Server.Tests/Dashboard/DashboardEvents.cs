using System.Text;
using System.Text.Json;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>An open <c>/ui/api/events</c> stream, read event by event.</summary>
internal sealed class DashboardEvents(HttpResponseMessage response, Stream stream) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next event (its name and data); null name and data when the stream ended.</summary>
    public async Task<(string? Name, string? Data)> NextAsync()
    {
        string? name = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync().WaitAsync(Timeout) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data.Length > 0)
                {
                    return (name, data.ToString());
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        return (null, null);
    }

    /// <summary>The first execution row the feed sends for <paramref name="executionId"/> that <paramref name="match"/> accepts.</summary>
    public async Task<JsonElement> ExecutionAsync(string executionId, Func<JsonElement, bool>? match = null)
    {
        while (true)
        {
            var (name, data) = await NextAsync();
            Assert.True(name is not null, $"the feed ended before a row of {executionId} arrived");
            if (name != "execution")
            {
                continue;
            }

            var row = JsonDocument.Parse(data!).RootElement.Clone();
            if (row.GetProperty("id").GetString() == executionId && (match?.Invoke(row) ?? true))
            {
                return row;
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        response.Dispose();
    }
}
