using System.Net;
using System.Text.RegularExpressions;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Mcp;
using McpPlaybooks.Server.Tests.Mcp.EndToEnd;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>The built server on stdio opens the dashboard beside MCP on loopback, logs its URL, and closes it when MCP ends.</summary>
public sealed partial class StdioDashboardEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Serve_OverStdio_ServesTheDashboardAtTheLoggedUrl_LiveAndReady_AndStopsWithTheServer()
    {
        _root.Write("playbooks/gated.yaml", Gated);
        var server = await StdioServerProcess.StartAsync(Path.Combine(_root.Path, "data"), [Path.Combine(_root.Path, "playbooks")]);
        var line = await server.ErrorLineAsync(text => text.Contains("Dashboard at ", StringComparison.Ordinal));
        var start = new Uri(StartUrl().Match(line).Value);
        using var browser = new DashboardClient(new Uri(start, "/"));

        using var admitted = await browser.Http.GetAsync(start);
        var (status, html) = await browser.PageAsync(DashboardRoutes.Home);
        using var ready = await browser.Http.GetAsync(DashboardRoutes.Ready);
        using var foreign = new HttpRequestMessage(HttpMethod.Get, DashboardRoutes.Live) { Headers = { Host = "evil.example.com" } };
        using var foreignHost = await browser.Http.SendAsync(foreign);
        using var unknownPage = await browser.Http.GetAsync("/ui/nope");
        using var wrongMethod = await browser.Http.DeleteAsync(DashboardRoutes.Playbooks);
        var events = await browser.EventsAsync();
        var id = (await server.Client.CallOkAsync("execute_playbook", new { playbook_id = "gated" })).Str("execution_id");
        var row = await events.ExecutionAsync(id, r => r.GetProperty("status").GetString() == "waiting_approval");
        await server.DisposeAsync();
        var ended = await events.NextAsync();
        while (ended.Name == "execution")
        {
            // A row still queued when the server stopped (the row is sent again after each change of a step, unchanged or
            // not): the stream's end comes after it (CI saw one with the native executable).
            ended = await events.NextAsync();
        }

        events.Dispose();

        Assert.Equal("127.0.0.1", start.Host);
        Assert.Equal(HttpStatusCode.SeeOther, admitted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"local:{Environment.UserName}", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignHost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.All([unknownPage, wrongMethod], response =>
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        });
        Assert.Equal("gated", row.GetProperty("playbook_id").GetString());
        Assert.Equal((null, null), ended);
        Assert.Contains(server.ErrorLines, text => text.Contains("Server stopped", StringComparison.Ordinal));
        await Assert.ThrowsAsync<HttpRequestException>(() => browser.Http.GetAsync(DashboardRoutes.Live));
    }

    [Fact]
    public async Task Serve_OverStdio_ServesTheApprovalPageOnTheDashboardsListener_AndItsLoggedLinkDecidesTheGate()
    {
        _root.Write("playbooks/linked.yaml", Web.LinkPlaybooks.Open);
        var server = await StdioServerProcess.StartAsync(Path.Combine(_root.Path, "data"), [Path.Combine(_root.Path, "playbooks")]);
        var dashboard = new Uri(StartUrl().Match(await server.ErrorLineAsync(text => text.Contains("Dashboard at ", StringComparison.Ordinal))).Value);
        var id = (await server.Client.CallOkAsync("execute_playbook", new { playbook_id = "linked" })).Str("execution_id");
        var logged = await server.ErrorLineAsync(text => text.Contains($"Approval link for execution {id}", StringComparison.Ordinal));
        var link = new Uri(LinkUrl().Match(logged).Value);
        using var browser = new HttpClient();

        var page = await Web.ApprovalPageClient.GetAsync(browser, link);
        var posted = await Web.ApprovalPageClient.PostAsync(browser, link, Web.ApprovalPageClient.Csrf(page.Html), "approve", Web.ApprovalPageClient.OriginOf(link));
        var state = await server.Client.CallOkAsync("get_execution", new { execution_id = id });
        await server.DisposeAsync();

        Assert.Equal(dashboard.Authority, link.Authority);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Contains(state.Str("status"), (string[])["running", "completed"]);
    }

    /// <summary>At <c>--log-level Warning</c> the log still gives people the dashboard's address and each approval link (the 401 page sends them to that line).</summary>
    [Fact]
    public async Task Serve_OverStdio_AtLogLevelWarning_StillLogsTheDashboardAddressAndTheApprovalLink()
    {
        _root.Write("playbooks/linked.yaml", Web.LinkPlaybooks.Open);
        var server = await StdioServerProcess.StartAsync(Path.Combine(_root.Path, "data"), [Path.Combine(_root.Path, "playbooks")], arguments: ["--log-level", "Warning"]);
        var address = await server.ErrorLineAsync(text => text.Contains("Dashboard at ", StringComparison.Ordinal));
        var id = (await server.Client.CallOkAsync("execute_playbook", new { playbook_id = "linked" })).Str("execution_id");
        var link = await server.ErrorLineAsync(text => text.Contains($"Approval link for execution {id}", StringComparison.Ordinal));
        await server.DisposeAsync();

        Assert.Matches(StartUrl(), address);
        Assert.Matches(LinkUrl(), link);
        Assert.DoesNotContain(server.ErrorLines, text => text.Contains(" INF McpPlaybooks.Server.Hosting", StringComparison.Ordinal));
    }

    public void Dispose() => _root.Dispose();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/approve/[A-Za-z0-9_%-]+")]
    private static partial Regex LinkUrl();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/ui/\?access=[A-Za-z0-9_-]+")]
    private static partial Regex StartUrl();
}
