using McpPlaybooks.Server.Tests.Browser;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// The dashboard in headless Firefox ESR too (the Chromium tests cover the rest): the executions list shows a new execution
/// live, without reload; the execution page draws one node per step. Screenshots are saved as <c>firefox-*.png</c>.
/// </summary>
[Collection(FirefoxCollection.Name)]
public sealed class FirefoxPageTests(FirefoxFixture firefox, ITestOutputHelper output)
{
    [Fact]
    public async Task ExecutionsPage_InFirefox_ShowsANewExecutionWithoutReload()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        var mcp = await server.ConnectAsync();
        var done = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 })).Str("execution_id");
        await using var session = await firefox.OpenAsync(1280, 800);

        await session.GoToAsync(server.Host.DashboardAddress.ToString());
        await session.WaitForSelectorAsync($"#executions tr[data-id='{done}']");
        await session.WaitForSelectorAsync("#live.on");
        await session.EvaluateAsync<bool>("window.__sameDocument = true");
        var gated = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated" })).Str("execution_id");
        await session.WaitForSelectorAsync($"#waiting tr[data-id='{gated}']");

        Assert.EndsWith("/ui/", await session.UrlAsync(), StringComparison.Ordinal);
        Assert.True(await session.EvaluateAsync<bool>("window.__sameDocument === true"));
        var row = await session.EvaluateAsync<string>($"document.querySelector(\"tr[data-id='{gated}']\").textContent");
        Assert.Contains("waiting for approval", row, StringComparison.Ordinal);
        Assert.Contains("gated", row, StringComparison.Ordinal);
        output.WriteLine(await session.ScreenshotAsync("firefox-executions-1280x800"));
    }

    [Fact]
    public async Task ExecutionPage_InFirefox_DrawsOneNodePerStep()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        var mcp = await server.ConnectAsync();
        var id = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 })).Str("execution_id");
        await using var session = await firefox.OpenAsync(1280, 800);

        await session.GoToAsync(server.Host.DashboardAddress.ToString());
        await session.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + id).ToString());
        await session.WaitForSelectorAsync("#graph g.node[data-step='risky'][data-status='waiting_approval']");
        var nodes = await session.EvaluateAsync<string[]>("[...document.querySelectorAll('#graph g.node')].map(n => n.dataset.step)");
        var edges = await session.EvaluateAsync<string[]>("[...document.querySelectorAll('#graph path.edge')].map(e => e.dataset.from + '->' + e.dataset.to)");
        output.WriteLine(await session.ScreenshotAsync("firefox-execution-1280x800"));

        Assert.Equal(["before", "risky"], nodes);
        Assert.Equal(["before->risky"], edges);
    }
}
