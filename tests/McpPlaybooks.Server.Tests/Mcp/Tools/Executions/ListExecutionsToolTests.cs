using System.Text.Json;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

public sealed class ListExecutionsToolTests
{
    [Fact]
    public async Task ListExecutions_Paged_GivesEveryExecutionOnceNewestFirst()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));
        var ids = new List<string>();
        foreach (var text in new[] { "one", "two", "three", "four", "five" })
        {
            ids.Add((await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", inputs = new { text }, wait_seconds = 30 })).Str("execution_id"));
        }

        var first = await server.CallOkAsync("list_executions", new { limit = 2 });
        var second = await server.CallOkAsync("list_executions", new { limit = 2, cursor = first.Str("next_cursor") });
        var third = await server.CallOkAsync("list_executions", new { limit = 2, cursor = second.Str("next_cursor") });

        ids.Reverse();
        Assert.Equal(ids, new[] { first, second, third }.SelectMany(Ids).ToList());
        Assert.False(third.TryGetProperty("next_cursor", out _), "the last page has no next_cursor");
        var row = first.GetProperty("executions")[0];
        Assert.Equal("echo", row.Str("playbook_id"));
        Assert.Equal("1.0.0", row.Str("playbook_version"));
        Assert.Equal("completed", row.Str("status"));
        Assert.False(row.GetProperty("dry_run").GetBoolean());
        Assert.StartsWith("mcp:", row.Str("started_by"), StringComparison.Ordinal);
        Assert.False(row.TryGetProperty("parent_execution_id", out _));
        Assert.EndsWith("Z", row.Str("ended_at"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListExecutions_Filters_ByPlaybookStatusAndActiveOnly()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo), ("gated", Gated), ("flaky", Flaky)));
        var echo = (await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", wait_seconds = 30 })).Str("execution_id");
        var gated = (await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 })).Str("execution_id");
        var flaky = (await server.CallOkAsync("execute_playbook", new { playbook_id = "flaky", inputs = new { flag = Path.Combine(server.Root, "no") }, wait_seconds = 30 })).Str("execution_id");

        var byPlaybook = await server.CallOkAsync("list_executions", new { playbook_id = "gated" });
        var byStatus = await server.CallOkAsync("list_executions", new { status = "failed" });
        var active = await server.CallOkAsync("list_executions", new { active_only = true });
        var all = await server.CallOkAsync("list_executions");

        Assert.Equal([gated], Ids(byPlaybook));
        Assert.Equal([flaky], Ids(byStatus));
        Assert.Equal([gated], Ids(active));
        Assert.Equal([flaky, gated, echo], Ids(all));
    }

    [Fact]
    public async Task ListExecutions_BadCursor_IsErrorSayingWhereCursorsComeFrom()
    {
        await using var server = await McpTestServer.StartAsync();

        var error = await server.CallErrorAsync("list_executions", new { cursor = "not-a-cursor" });

        Assert.Equal("the cursor 'not-a-cursor' is not one list_executions gave; pass the next_cursor of the previous page, or omit cursor for the first page.", error);
    }

    [Fact]
    public async Task ListExecutions_StatusTypoAndLimitOutOfRange_IsErrorWithDidYouMean()
    {
        await using var server = await McpTestServer.StartAsync();

        var error = await server.CallErrorAsync("list_executions", new { status = "complete", limit = 0 });

        Assert.Contains("got 'complete' (did you mean 'completed'?)", error, StringComparison.Ordinal);
        Assert.Contains("'limit' must be a whole number from 1 to 100, got 0", error, StringComparison.Ordinal);
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("executions").EnumerateArray().Select(e => e.Str("execution_id"))];
}
