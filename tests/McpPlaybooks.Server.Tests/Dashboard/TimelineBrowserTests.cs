using McpPlaybooks.Server.Tests.Browser;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>The one-execution page's timeline, step details, live log and folded loops in a real headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TimelineBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Timeline_StepThatRetried_OneBarPerAttemptAndItsBackoffs()
    {
        using var scripts = new TempDirectory();
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["flaky.yaml"] = StepPlaybooks.Flaky(Path.Combine(scripts.Path, "count")) });
        var id = await StartAsync(server, "flaky", wait: 30);
        await using var session = await browser.OpenAsync(1280, 800);

        await OpenAsync(session.Page, server, id);
        await session.Page.WaitForSelectorAsync("#timeline .tl-row[data-step='after'] .tl-bar");
        var rows = await Texts(session.Page, "#timeline .tl-row[data-step='restart'] .tl-name");
        var bars = await Texts(session.Page, "#timeline .tl-bar[data-kind='attempt'][data-step='restart']", "dataset.status");
        var backoffs = await Texts(session.Page, "#timeline .tl-bar[data-kind='wait'][data-step='restart']", "dataset.status");
        var statuses = await Texts(session.Page, "#timeline .tl-row[data-step='restart'] .tl-status");
        output.WriteLine(await session.ScreenshotAsync("dashboard-timeline-1280x800"));

        Assert.Equal(["restart · attempt 1", "restart · attempt 2", "restart · attempt 3"], rows);
        Assert.Equal(["failed", "failed", "completed"], bars);
        Assert.Equal(["failed", "failed", "completed"], statuses);
        Assert.Equal(["backoff", "backoff"], backoffs);
    }

    [Fact]
    public async Task StepDetails_NodeChosenByKeyboard_ShowsItsOutputAsTextMaskedNeverAsMarkup()
    {
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["echo-secret.yaml"] = StepPlaybooks.EchoSecret });
        var id = await StartAsync(server, "echo-secret", wait: 30, inputs: new { token = StepPlaybooks.Secret });
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;

        await OpenAsync(page, server, id);
        await page.WaitForSelectorAsync("#graph g.node[data-step='say'][data-status='completed']");
        await page.FocusAsync("#graph g.node[data-step='say']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#step-detail[data-step='say'] pre.output");
        var shown = await page.EvaluateExpressionAsync<string>("[...document.querySelectorAll('#step-detail pre.output')].map(p => p.textContent).join('\\n')");
        var focused = await page.EvaluateExpressionAsync<string>("document.activeElement.id");
        var html = await page.GetContentAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#log .log-message')].some(m => m.textContent.startsWith('said '))");
        var injected = await page.EvaluateExpressionAsync<bool>("document.getElementById('injected') !== null");
        await page.ClickAsync("#steps tr[data-step='long']");
        await page.WaitForSelectorAsync("#step-detail[data-step='long'] pre.output");
        var longOutput = await page.EvaluateExpressionAsync<string>("[...document.querySelectorAll('#step-detail pre.output')].map(p => p.textContent).join('\\n')");
        output.WriteLine(await session.ScreenshotAsync("dashboard-step-output-1280x800"));

        Assert.Contains("the token is *** <b id=injected>markup</b>", shown, StringComparison.Ordinal);
        Assert.False(injected);
        Assert.Equal("step-detail-title", focused);
        Assert.DoesNotContain(StepPlaybooks.Secret, html, StringComparison.Ordinal);
        Assert.Contains("characters omitted here", longOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_LinesWrittenWhileThePageIsOpen_ArriveWithoutReload()
    {
        using var scripts = new TempDirectory();
        var marker = Path.Combine(scripts.Path, "release");
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["waiting.yaml"] = StepPlaybooks.Waiting(marker) });
        var id = await StartAsync(server, "waiting", wait: 0);
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;

        await OpenAsync(page, server, id);
        await page.WaitForSelectorAsync("#timeline .tl-bar[data-kind='attempt'][data-step='hold'][data-status='running']");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#log .log-message')].some(m => m.textContent === 'before the wait')");
        await page.EvaluateExpressionAsync("window.loaded = performance.timeOrigin");
        var before = await Texts(page, "#log .log-message");
        await using (var phone = await browser.OpenAsync(390, 844))
        {
            await OpenAsync(phone.Page, server, id);
            await phone.Page.WaitForSelectorAsync("#timeline .tl-bar[data-step='hold'][data-status='running']");
            await phone.Page.WaitForSelectorAsync("#log .log-line");
            output.WriteLine(await phone.ScreenshotAsync("dashboard-timeline-running-390x844"));
        }

        await File.WriteAllTextAsync(marker, "go");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#log .log-message')].some(m => m.textContent === 'after the wait')");
        await page.WaitForSelectorAsync("#timeline .tl-bar[data-kind='attempt'][data-step='hold'][data-status='completed']");
        var sameDocument = await page.EvaluateExpressionAsync<bool>("window.loaded === performance.timeOrigin");
        var after = await Texts(page, "#log .log-message");
        var note = await page.EvaluateExpressionAsync<string>("document.getElementById('log-note').textContent");

        Assert.DoesNotContain("after the wait", before);
        Assert.True(sameDocument);
        Assert.Equal(after.Distinct().Count(), after.Length);
        Assert.Contains("after the wait", after);
        Assert.Contains("the page keeps the last 500", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_LoopStep_OneNodeWithItsCounts_DetailsListItsIterations()
    {
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["loop.yaml"] = StepPlaybooks.Loop });
        var id = await StartAsync(server, "loop", wait: 30);
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;

        await OpenAsync(page, server, id);
        await page.WaitForSelectorAsync("#graph g.node[data-step='each'][data-status='failed'] .node-iterations");
        var nodes = await Texts(page, "#graph g.node", "dataset.step");
        var counts = await page.EvaluateExpressionAsync<string>("document.querySelector('#graph g.node .node-iterations').textContent");
        await page.ClickAsync("#graph g.node[data-step='each']");
        await page.WaitForSelectorAsync("#step-detail[data-step='each'] .detail-table");
        var iterations = await Texts(page, "#step-detail .detail-table:first-of-type tbody tr td:first-child");
        var rows = await Texts(page, "#timeline .tl-row[data-step='each'] .tl-status");
        output.WriteLine(await session.ScreenshotAsync("dashboard-loop-1280x800"));
        await using (var phone = await browser.OpenAsync(390, 844))
        {
            await OpenAsync(phone.Page, server, id);
            await phone.Page.WaitForSelectorAsync("#graph g.node[data-step='each'] .node-iterations");
            await phone.Page.ClickAsync("#graph g.node[data-step='each']");
            await phone.Page.WaitForSelectorAsync("#step-detail[data-step='each'] .detail-table");
            output.WriteLine(await phone.ScreenshotAsync("dashboard-loop-390x844"));
        }

        Assert.Equal(["each"], nodes);
        Assert.Equal("2 ok · 1 failed · 2 not run", counts);
        Assert.Equal(["0", "1", "2"], iterations);
        Assert.Equal(["failed · 2 ok · 1 failed · 2 not run"], rows);
    }

    private static async Task<string> StartAsync(HttpTestServer server, string playbook, int wait, object? inputs = null)
    {
        var mcp = await server.ConnectAsync();
        return (await mcp.CallOkAsync("execute_playbook", new { playbook_id = playbook, inputs = inputs ?? new { }, wait_seconds = wait })).Str("execution_id");
    }

    /// <summary>Opens the start-up URL (the access cookie), then the execution's page.</summary>
    private static async Task OpenAsync(IPage page, HttpTestServer server, string id)
    {
        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + id).ToString());
    }

    private static Task<string[]> Texts(IPage page, string selector, string property = "textContent") =>
        page.EvaluateExpressionAsync<string[]>($"[...document.querySelectorAll({System.Text.Json.JsonSerializer.Serialize(selector)})].map(n => n.{property})");
}
