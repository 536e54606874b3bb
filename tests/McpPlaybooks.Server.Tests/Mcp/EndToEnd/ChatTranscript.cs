using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// Makes the tool calls of a chat and keeps a short line for each (tool, key arguments, status, summary), for the test
/// output and, when the folder exists, <see cref="FilePath"/>.
/// </summary>
internal sealed class ChatTranscript(McpClient client, ITestOutputHelper output)
{
    public const string FilePath = "/work/scratch/chat-transcript.txt";

    private const int SummaryLength = 110;

    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Calls a tool that must succeed, records the line, and returns the structured result.</summary>
    public async Task<JsonElement> CallAsync(string tool, object arguments, string shownArguments)
    {
        var result = await client.CallAsync(tool, arguments);
        Assert.False(result.IsError is true, $"{tool} failed: {ToolCalls.Text(result)}");
        var structured = result.StructuredContent ?? throw new InvalidOperationException($"{tool} gave no structured content");
        Record(tool, shownArguments, structured, result);
        return structured;
    }

    /// <summary>Writes the transcript to the test output and, if its folder exists, to <see cref="FilePath"/> (never failing on it).</summary>
    public void Publish()
    {
        foreach (var line in _lines)
        {
            output.WriteLine(line);
        }

        try
        {
            if (Directory.Exists(Path.GetDirectoryName(FilePath)))
            {
                File.WriteAllLines(FilePath, _lines);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Record(string tool, string shownArguments, JsonElement structured, CallToolResult result)
    {
        var summary = ToolCalls.Text(result).ReplaceLineEndings(" ");
        if (summary.Length > SummaryLength)
        {
            summary = summary[..SummaryLength] + "…";
        }

        var status = structured.TryGetProperty("status", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() + ": " : "";
        _lines.Add($"{_lines.Count + 1}. {tool}({shownArguments}) -> {status}{summary}");
    }
}
