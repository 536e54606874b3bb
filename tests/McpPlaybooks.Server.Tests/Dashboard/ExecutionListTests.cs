using System.Net;
using System.Text.Json;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary><c>/ui/api/executions</c>: waiting executions first and apart, the rest newest first and paged, the filters, bad input.</summary>
public sealed class ExecutionListTests
{
    [Fact]
    public async Task List_WaitingExecutionsComeApart_TheRestNewestFirst()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        var mcp = await server.ConnectAsync();
        var first = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 })).Str("execution_id");
        var gated = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 })).Str("execution_id");
        var second = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 })).Str("execution_id");
        using var browser = await SignedInAsync(server);

        var list = await browser.ExecutionsAsync();

        var waiting = Assert.Single(list.GetProperty("waiting").EnumerateArray());
        Assert.Equal(gated, waiting.GetProperty("id").GetString());
        Assert.Equal("waiting_approval", waiting.GetProperty("status").GetString());
        Assert.Equal(("gated", "1.0.0"), (waiting.GetProperty("playbook_id").GetString(), waiting.GetProperty("playbook_version").GetString()));
        Assert.Equal([second, first], Ids(list.GetProperty("executions")));
        var row = list.GetProperty("executions")[0];
        Assert.Equal("completed", row.GetProperty("status").GetString());
        Assert.True(row.TryGetProperty("started_by", out _));
        Assert.True(row.TryGetProperty("ended_at", out _));
        Assert.False(list.TryGetProperty("next_cursor", out _));
    }

    [Fact]
    public async Task List_Filters_ByStatusPlaybookStarterAndText()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        var mcp = await server.ConnectAsync();
        var echo = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 })).Str("execution_id");
        var gated = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 })).Str("execution_id");
        var starter = (await server.Engine.History.GetExecutionAsync(echo, CancellationToken.None))!.StartedBy;
        using var browser = await SignedInAsync(server);

        var completed = await browser.ExecutionsAsync("?status=completed");
        var waitingOnly = await browser.ExecutionsAsync("?status=waiting_approval");
        var byPlaybook = await browser.ExecutionsAsync("?playbook=gated");
        var byStarter = await browser.ExecutionsAsync("?started_by=" + Uri.EscapeDataString(starter.ToUpperInvariant()));
        var nobody = await browser.ExecutionsAsync("?started_by=nobody");
        var byText = await browser.ExecutionsAsync("?q=" + echo[^8..]);
        var textIsNotAPattern = await browser.ExecutionsAsync("?q=%25");

        Assert.Equal([echo], Ids(completed.GetProperty("executions")));
        Assert.Empty(completed.GetProperty("waiting").EnumerateArray());
        Assert.Equal([gated], Ids(waitingOnly.GetProperty("waiting")));
        Assert.Empty(waitingOnly.GetProperty("executions").EnumerateArray());
        Assert.Equal([gated], Ids(byPlaybook.GetProperty("waiting")));
        Assert.Empty(byPlaybook.GetProperty("executions").EnumerateArray());
        Assert.Equal([echo], Ids(byStarter.GetProperty("executions")));
        Assert.Equal([gated], Ids(byStarter.GetProperty("waiting")));
        Assert.Empty(nobody.GetProperty("executions").EnumerateArray());
        Assert.Equal([echo], Ids(byText.GetProperty("executions")));
        Assert.Empty(textIsNotAPattern.GetProperty("executions").EnumerateArray());
    }

    [Fact]
    public async Task List_MoreThanAPage_NextCursorGivesTheOlderOnes()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        var mcp = await server.ConnectAsync();
        var ids = new List<string>();
        for (var i = 0; i < ExecutionListEndpoint.PageSize + 1; i++)
        {
            ids.Add((await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 })).Str("execution_id"));
        }

        using var browser = await SignedInAsync(server);
        var first = await browser.ExecutionsAsync();
        var cursor = first.GetProperty("next_cursor").GetString()!;
        var second = await browser.ExecutionsAsync("?cursor=" + Uri.EscapeDataString(cursor));

        Assert.Equal(ExecutionListEndpoint.PageSize, first.GetProperty("executions").GetArrayLength());
        Assert.Equal([ids[0]], Ids(second.GetProperty("executions")));
        Assert.False(second.TryGetProperty("next_cursor", out _));
    }

    [Theory]
    [InlineData("?status=sleeping", "the status 'sleeping' is not one of pending, running")]
    [InlineData("?cursor=not-a-cursor", "is not one that listing executions returned")]
    public async Task List_BadFilterOrCursor_400WithAMessage(string query, string expected)
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        using var browser = await SignedInAsync(server);

        using var response = await browser.Http.GetAsync(DashboardRoutes.Executions + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ByParent_ItsChildrenOnly_AndThePageOfAParentOfManyListsTheFirst50AndCountsThemAll()
    {
        var playbooks = Playbooks();
        playbooks["fan-out.yaml"] = FanOut;
        await using var server = await HttpTestServer.StartAsync(playbooks);
        var mcp = await server.ConnectAsync();
        var parent = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "fan-out", wait_seconds = 60 })).Str("execution_id");
        var other = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 })).Str("execution_id");
        var children = (await server.Engine.History.ListChildrenAsync(parent, CancellationToken.None)).Select(child => child.Id).ToList();
        using var browser = await SignedInAsync(server);

        var byParent = await browser.ExecutionsAsync("?parent=" + parent);
        var nextPage = await browser.ExecutionsAsync("?parent=" + parent + "&cursor=" + Uri.EscapeDataString(byParent.GetProperty("next_cursor").GetString()!));
        var none = await browser.ExecutionsAsync("?parent=" + other);
        var detail = JsonDocument.Parse(await browser.Http.GetStringAsync(DashboardRoutes.ExecutionData.Replace("{id}", parent, StringComparison.Ordinal))).RootElement;

        Assert.Equal(52, children.Count);
        Assert.Equal(Enumerable.Reverse(children), Ids(byParent.GetProperty("executions")).Concat(Ids(nextPage.GetProperty("executions"))));
        Assert.Empty(none.GetProperty("executions").EnumerateArray());
        Assert.Equal(52, detail.GetProperty("child_count").GetInt32());
        Assert.Equal(children.Take(ExecutionDetailEndpoint.ChildrenShown), Ids(detail.GetProperty("children")));
    }

    [Fact]
    public async Task List_FilterLongerThan200Characters_400()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        using var browser = await SignedInAsync(server);

        using var response = await browser.Http.GetAsync(DashboardRoutes.Executions + "?q=" + new string('x', 201));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than 200 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A parent of 52 child executions of <c>three-logs</c>: more than a page lists.</summary>
    internal static readonly string FanOut = $$"""
        id: fan-out
        name: Fan out
        version: 1.0.0
        steps:
          - id: each
            action: playbook
            foreach: [{{string.Join(", ", Enumerable.Range(1, 52))}}]
            with: { id: three-logs }
        """;

    internal static Dictionary<string, string> Playbooks() => new() { ["three-logs.yaml"] = ThreeLogs, ["gated.yaml"] = Gated };

    /// <summary>A browser that opened the start-up URL of a server without tokens.</summary>
    internal static async Task<DashboardClient> SignedInAsync(HttpTestServer server)
    {
        var browser = new DashboardClient(server.Host.BaseAddress);
        using var admitted = await browser.Http.GetAsync(server.Host.DashboardAddress);
        Assert.Equal(HttpStatusCode.SeeOther, admitted.StatusCode);
        return browser;
    }

    private static List<string?> Ids(JsonElement rows) => [.. rows.EnumerateArray().Select(row => row.GetProperty("id").GetString())];
}
