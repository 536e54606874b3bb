using System.Net;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary><c>/ui/api/events</c>: one feed, every open page hears each change of every execution, as a row of the list.</summary>
public sealed class ExecutionFeedTests
{
    [Fact]
    public async Task Feed_ExecutionStartsAndWaitsAtAGate_EveryOpenPageGetsTheRows()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        using var first = await ExecutionListTests.SignedInAsync(server);
        using var second = await ExecutionListTests.SignedInAsync(server);
        using var firstEvents = await first.EventsAsync();
        using var secondEvents = await second.EventsAsync();
        var mcp = await server.ConnectAsync();

        var id = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated" })).Str("execution_id");

        var heardFirst = await firstEvents.ExecutionAsync(id, row => row.GetProperty("status").GetString() == "waiting_approval");
        var heardSecond = await secondEvents.ExecutionAsync(id, row => row.GetProperty("status").GetString() == "waiting_approval");
        var record = (await server.Engine.History.GetExecutionAsync(id, CancellationToken.None))!;
        Assert.Equal("gated", heardFirst.GetProperty("playbook_id").GetString());
        Assert.Equal("1.0.0", heardFirst.GetProperty("playbook_version").GetString());
        Assert.Equal(record.StartedBy, heardFirst.GetProperty("started_by").GetString());
        Assert.Equal(heardFirst.ToString(), heardSecond.ToString());
    }

    [Fact]
    public async Task Feed_ExecutionCompletes_TheLastRowIsCompletedWithItsEnd()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        using var browser = await ExecutionListTests.SignedInAsync(server);
        using var events = await browser.EventsAsync();
        var mcp = await server.ConnectAsync();

        var id = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs" })).Str("execution_id");

        var done = await events.ExecutionAsync(id, row => row.GetProperty("status").GetString() == "completed");
        Assert.True(done.TryGetProperty("ended_at", out _));
    }

    [Fact]
    public async Task Feed_WithTokens_NeedsASessionWithAViewingRole()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks(), http => http with { Tokens = HttpTestServer.WithTokens });
        using var anonymous = new DashboardClient(server.Host.BaseAddress);
        using var bob = new DashboardClient(server.Host.BaseAddress);
        (await bob.LogInAsync(HttpTestServer.BobToken)).Dispose();

        using var refused = await anonymous.Http.GetAsync(DashboardRoutes.Events);
        using var bearerOnly = new HttpRequestMessage(HttpMethod.Get, DashboardRoutes.Events) { Headers = { Authorization = new("Bearer", HttpTestServer.BobToken) } };
        using var bearerRefused = await anonymous.Http.SendAsync(bearerOnly);
        using var events = await bob.EventsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bearerRefused.StatusCode);
    }

    [Fact]
    public async Task Feed_ServerStops_TheStreamEnds()
    {
        var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        using var browser = await ExecutionListTests.SignedInAsync(server);
        using var events = await browser.EventsAsync();

        await server.DisposeAsync();

        Assert.Equal((null, null), await events.NextAsync());
    }
}
