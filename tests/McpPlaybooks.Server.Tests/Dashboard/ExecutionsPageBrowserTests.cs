using System.Diagnostics;
using Xunit.Abstractions;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Tests.Browser;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using PuppeteerSharp;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>The executions page in a real headless Chromium, opened through the start-up URL as a person would.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExecutionsPageBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task ExecutionsPage_OpenedFromTheStartUrl_ShowsANewExecutionWithoutReload_AndScreenshots()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        var mcp = await server.ConnectAsync();
        await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 });
        var cancelled = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 })).Str("execution_id");
        await mcp.CallOkAsync("control_execution", new { execution_id = cancelled, action = "cancel" });
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;

        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.WaitForSelectorAsync("#live.on");
        await page.EvaluateExpressionAsync("window.__sameDocument = true");
        var clock = Stopwatch.StartNew();
        var gated = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated" })).Str("execution_id");
        await page.WaitForSelectorAsync($"#waiting tr[data-id='{gated}']");
        var shownAfter = clock.Elapsed;
        var done = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs" })).Str("execution_id");
        await page.WaitForSelectorAsync($"#executions tr[data-id='{done}'][data-status='completed']");
        output.WriteLine($"the new execution showed {shownAfter.TotalMilliseconds:F0} ms after execute_playbook was called");

        Assert.EndsWith("/ui/", page.Url, StringComparison.Ordinal);
        Assert.True(await page.EvaluateExpressionAsync<bool>("window.__sameDocument === true"));
        var waitingRow = await page.EvaluateExpressionAsync<string>($"document.querySelector(\"tr[data-id='{gated}']\").innerText");
        Assert.Contains("waiting for approval", waitingRow, StringComparison.Ordinal);
        Assert.Contains("gated", waitingRow, StringComparison.Ordinal);
        Assert.Contains("1.0.0", waitingRow, StringComparison.Ordinal);
        var statuses = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#executions tr')].map(r => r.dataset.status)");
        Assert.Equal(["completed", "cancelled", "completed"], statuses);
        var order = await page.EvaluateExpressionAsync<string>("document.getElementById('waiting-section').compareDocumentPosition(document.getElementById('executions')) & 4 ? 'waiting first' : 'list first'");
        Assert.Equal("waiting first", order);
        output.WriteLine(await session.ScreenshotAsync("dashboard-executions-1280x800"));

        await using var phone = await browser.OpenAsync(390, 844);
        await phone.Page.GoToAsync(server.Host.DashboardAddress.ToString());
        await phone.Page.WaitForSelectorAsync($"#waiting tr[data-id='{gated}']");
        output.WriteLine(await phone.ScreenshotAsync("dashboard-executions-390x844"));
    }

    /// <summary>
    /// The session ends (idle past its limit) while the page is open: its feed ends, the browser's reconnect is refused and
    /// it stops retrying, so the live line must say that updates stopped and what to do, not "Reconnecting…" forever.
    /// </summary>
    [Fact]
    public async Task ExecutionsPage_SessionEndsWhileOpen_TheLiveLineSaysUpdatesStoppedAndToReload()
    {
        var clock = new ManualTimeProvider();
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks(), http => http with { Time = clock });
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.WaitForSelectorAsync("#live.on");

        clock.Advance(DashboardSessions.IdleLimit + TimeSpan.FromMinutes(1));
        var mcp = await server.ConnectAsync();
        await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs" });

        await page.WaitForFunctionAsync("() => document.getElementById('live').textContent.startsWith('Live updates stopped')");
        var live = await page.EvaluateExpressionAsync<string>("document.getElementById('live').textContent");
        Assert.Contains("Reload the page, and log in again if it asks.", live, StringComparison.Ordinal);
        Assert.Equal("live off", await page.EvaluateExpressionAsync<string>("document.getElementById('live').className"));
    }

    [Fact]
    public async Task ExecutionsPage_Keyboard_TabReachesTheSkipLinkThenTheFilters()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.WaitForSelectorAsync("#live.on");

        var focused = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused.Add(await page.EvaluateExpressionAsync<string>("(document.activeElement.name || document.activeElement.textContent || '').trim()"));
        }

        Assert.Equal("Skip to content", focused[0]);
        Assert.Contains("status", focused);
        Assert.Contains("playbook", focused);
    }

    [Fact]
    public async Task ExecutionsPage_FilterByStatus_TheFormKeepsTheFilterAndOnlyMatchingRowsShow()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        var mcp = await server.ConnectAsync();
        var completed = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 })).Str("execution_id");
        await session(async page =>
        {
            await page.GoToAsync(server.Host.DashboardAddress.ToString());
            await page.WaitForSelectorAsync("#live.on");
            await page.SelectAsync("select[name=status]", "waiting_approval");
            await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync(".filters button[type=submit]"));
            await page.WaitForSelectorAsync("#live.on");
            var gated = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated" })).Str("execution_id");
            await page.WaitForSelectorAsync($"#waiting tr[data-id='{gated}']");

            Assert.Contains("status=waiting_approval", page.Url, StringComparison.Ordinal);
            Assert.Equal("waiting_approval", await page.EvaluateExpressionAsync<string>("document.querySelector('select[name=status]').value"));
            Assert.Equal(0, await page.EvaluateExpressionAsync<int>($"document.querySelectorAll(\"tr[data-id='{completed}']\").length"));
        });

        async Task session(Func<IPage, Task> steps)
        {
            await using var opened = await browser.OpenAsync();
            await steps(opened.Page);
        }
    }

    [Fact]
    public async Task ExecutionsPage_FilterWithSpacesAroundIt_TheLiveFeedAgreesWithTheTrimmedList()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        var mcp = await server.ConnectAsync();
        var listed = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 })).Str("execution_id");
        await using var session = await browser.OpenAsync();
        var page = session.Page;

        // The server trims the filter (it lists the row); the page must too, or the live feed hides what the list showed.
        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/?playbook=%20three-logs%20&q=%20three%20").ToString());
        await page.WaitForSelectorAsync($"#executions tr[data-id='{listed}']");
        await page.WaitForSelectorAsync("#live.on");
        var live = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 })).Str("execution_id");
        await page.WaitForSelectorAsync($"#executions tr[data-id='{live}'][data-status='completed']", new WaitForSelectorOptions { Timeout = 15_000 });

        Assert.Equal(["three-logs", "three"], await page.EvaluateExpressionAsync<string[]>("[document.querySelector('.filters [name=playbook]').value, document.querySelector('.filters [name=q]').value]"));
        Assert.Equal(1, await page.EvaluateExpressionAsync<int>($"document.querySelectorAll(\"#executions tr[data-id='{listed}']\").length"));
    }
}
