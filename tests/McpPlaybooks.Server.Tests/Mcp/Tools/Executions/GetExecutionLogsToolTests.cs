using System.Text.Json;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

public sealed class GetExecutionLogsToolTests
{
    [Fact]
    public async Task GetExecutionLogs_ThreePages_GivesEveryLineOnceThenANullCursor()
    {
        await using var server = await McpTestServer.StartAsync(Options(("seven", Seven)));
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "seven", wait_seconds = 30 })).Str("execution_id");

        var first = await server.CallOkAsync("get_execution_logs", new { execution_id = id, limit = 3 });
        var second = await server.CallOkAsync("get_execution_logs", new { execution_id = id, limit = 3, cursor = first.Str("next_cursor") });
        var third = await server.CallOkAsync("get_execution_logs", new { execution_id = id, limit = 3, cursor = second.Str("next_cursor") });

        Assert.Equal(["line 1", "line 2", "line 3"], Messages(first));
        Assert.Equal(["line 4", "line 5", "line 6"], Messages(second));
        Assert.Equal(["line 7"], Messages(third));
        Assert.False(third.TryGetProperty("next_cursor", out _), "the last page has no next_cursor");
        var entry = first.GetProperty("entries")[1];
        Assert.Equal("warning", entry.Str("level"));
        Assert.Equal("l2", entry.Str("step_id"));
        Assert.EndsWith("Z", entry.Str("at"), StringComparison.Ordinal);
        Assert.Equal(first.GetProperty("entries")[0].GetProperty("id").GetInt64() + 1, entry.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task GetExecutionLogs_LevelAndStep_FilterTheLines()
    {
        await using var server = await McpTestServer.StartAsync(Options(("seven", Seven)));
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "seven", wait_seconds = 30 })).Str("execution_id");

        var warnings = await server.CallOkAsync("get_execution_logs", new { execution_id = id, level = "warning" });
        var step = await server.CallOkAsync("get_execution_logs", new { execution_id = id, step_id = "l4" });

        Assert.Equal(["line 2", "line 5"], Messages(warnings));
        Assert.Equal(["line 4"], Messages(step));
    }

    [Fact]
    public async Task GetExecutionLogs_LongLines_AreBoundedAndThePageStopsNearItsByteLimit()
    {
        var steps = string.Concat(Enumerable.Range(1, 30).Select(i => $"\n  - {{ id: s{i}, action: log, with: {{ message: \"{new string('x', 3000)}\" }} }}"));
        await using var server = await McpTestServer.StartAsync(Options(("long", "id: long\nname: Long\nversion: 1.0.0\nsteps:" + steps)));
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "long", wait_seconds = 30 })).Str("execution_id");

        var page = await server.CallOkAsync("get_execution_logs", new { execution_id = id, limit = 500 });

        var entries = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.InRange(entries.Count, 10, 29);
        Assert.All(entries, e => Assert.Contains("characters omitted", e.Str("message"), StringComparison.Ordinal));
        Assert.InRange(page.GetRawText().Length, 20_000, 34_000);
        Assert.Equal(entries[^1].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), page.Str("next_cursor"));
    }

    [Fact]
    public async Task GetExecutionLogs_UnknownExecutionAndBadCursor_AreErrorsWithGuidance()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", wait_seconds = 30 })).Str("execution_id");

        var unknown = await server.CallErrorAsync("get_execution_logs", new { execution_id = "ex-unknown" });
        var cursor = await server.CallErrorAsync("get_execution_logs", new { execution_id = id, cursor = "abc" });
        var level = await server.CallErrorAsync("get_execution_logs", new { execution_id = id, level = "warnig", limit = 501 });

        Assert.Equal("no execution 'ex-unknown'; call list_executions to see the recent ones.", unknown);
        Assert.Equal("the cursor 'abc' is not one get_execution_logs gave; pass the next_cursor of the previous page, or omit cursor to read from the start.", cursor);
        Assert.Contains("got 'warnig' (did you mean 'warning'?)", level, StringComparison.Ordinal);
        Assert.Contains("'limit' must be a whole number from 1 to 500, got 501", level, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetExecutionLogs_UnknownStep_ErrorNamingTheStepsWhileFinallyCallsAndQuietStepsAnswer()
    {
        await using var server = await McpTestServer.StartAsync(Options(("tidy", Tidy)));
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "tidy", wait_seconds = 30 })).Str("execution_id");

        var unknown = await server.CallErrorAsync("get_execution_logs", new { execution_id = id, step_id = "sya" });
        var named = await server.CallOkAsync("get_execution_logs", new { execution_id = id, step_id = "tidy" });
        var numbered = await server.CallOkAsync("get_execution_logs", new { execution_id = id, step_id = "finally[1]" });
        var quiet = await server.CallOkAsync("get_execution_logs", new { execution_id = id, step_id = "quiet" });
        var filtered = await server.CallOkAsync("get_execution_logs", new { execution_id = id, step_id = "tidy", level = "error" });

        Assert.Equal($"Execution '{id}' has no step 'sya' (did you mean 'say'?). Its steps are: say, quiet. Call get_execution_logs again with one of them, a finally call's id, or without step_id.", unknown);
        Assert.Equal(["tidied"], Messages(named));
        Assert.Equal(["swept"], Messages(numbered));
        Assert.Empty(Messages(quiet));
        Assert.Empty(Messages(filtered));
    }

    private const string Tidy = """
        id: tidy
        name: Tidy
        version: 1.0.0
        steps:
          - { id: say, action: log, with: { message: "said" } }
          - { id: quiet, needs: [say], action: set, with: { a: 1 } }
        finally:
          - { id: tidy, action: log, with: { message: "tidied" } }
          - { action: log, with: { message: "swept" } }
        """;

    private static string[] Messages(JsonElement page) =>
        [.. page.GetProperty("entries").EnumerateArray().Select(e => e.Str("message"))];
}
