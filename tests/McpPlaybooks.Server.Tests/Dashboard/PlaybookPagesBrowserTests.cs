using McpPlaybooks.Server.Tests.Browser;
using McpPlaybooks.Server.Tests.Http;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>The navigation bar and the Playbooks pages in a real headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlaybookPagesBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string CurrentSection = "document.querySelector('nav.sections a[aria-current=page]')?.textContent ?? ''";

    [Fact]
    public async Task Nav_ByKeyboardToPlaybooks_ThenAPlaybooksGraphHasANodePerStepAndAnEdgePerNeed()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        await PagePlaybooks.RunChecksAsync(server, 0, 3);
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;

        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        var sections = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('nav.sections a')].map(a => a.textContent)");
        var onExecutions = await page.EvaluateExpressionAsync<string>(CurrentSection);
        var tabs = 0;
        while (await page.EvaluateExpressionAsync<string>("document.activeElement?.textContent ?? ''") != "Playbooks" && tabs++ < 10)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Task.WhenAll(page.WaitForNavigationAsync(), page.Keyboard.PressAsync("Enter"));
        await page.WaitForSelectorAsync("#playbooks tr[data-id='needs-input']");
        var onPlaybooks = await page.EvaluateExpressionAsync<string>(CurrentSection);
        var playbooksUrl = page.Url;
        var checksRow = await page.EvaluateExpressionAsync<string>("document.querySelector(\"#playbooks tr[data-id='checks']\").innerText");
        var invalidFile = await page.EvaluateExpressionAsync<string>("document.getElementById('invalid').innerText");
        output.WriteLine(await session.ScreenshotAsync("dashboard-playbooks-1280x800"));

        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#playbooks tr[data-id='needs-input'] a.id"));
        await page.WaitForSelectorAsync("#graph g.node");
        var nodes = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#graph g.node')].map(n => n.dataset.step + ':' + n.dataset.status)");
        var edges = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#graph path.edge')].map(e => e.dataset.from + '->' + e.dataset.to)");
        var missing = await page.EvaluateExpressionAsync<string>("document.getElementById('missing').innerText");
        output.WriteLine(await session.ScreenshotAsync("dashboard-playbook-1280x800"));

        Assert.Equal(["Executions", "Playbooks", "Insights"], sections);
        Assert.Equal("Executions", onExecutions);
        Assert.Equal("Playbooks", onPlaybooks);
        Assert.EndsWith("/ui/playbooks", playbooksUrl, StringComparison.Ordinal);
        Assert.Contains("2 runs, 50% succeeded", checksRow, StringComparison.Ordinal);
        Assert.Contains("PB0101", invalidFile, StringComparison.Ordinal);
        Assert.Contains("line 9:13", invalidFile, StringComparison.Ordinal);
        Assert.Equal(["find:plan-yes", "restart:plan-yes", "tell:plan-if", "done:plan-yes"], nodes);
        Assert.Equal(["find->restart", "find->tell", "restart->done"], edges);
        Assert.Contains("input 'service' is required", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaybookPage_InvalidFile_ProblemWrittenUnderItsLine_AndTrackRecordLinksToExecutions_Screenshots()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        var ids = await PagePlaybooks.RunChecksAsync(server, 0, 3);
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;
        await page.GoToAsync(server.Host.DashboardAddress.ToString());

        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/playbooks/broken").ToString());
        await page.WaitForSelectorAsync("#L9.has-problem");
        var line = await page.EvaluateExpressionAsync<string>("document.querySelector('#L9 code').textContent");
        var note = await page.EvaluateExpressionAsync<string>("document.getElementById('L9').nextElementSibling.innerText");
        var marked = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#yaml .line.has-problem')].map(l => l.id)");
        output.WriteLine(await session.ScreenshotAsync("dashboard-playbook-invalid-1280x800"));

        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/playbooks/checks").ToString());
        await page.WaitForSelectorAsync($"#recent tr[data-id='{ids[1]}']");
        var links = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#recent a.id')].map(a => a.getAttribute('href'))");
        var record = await page.EvaluateExpressionAsync<string>("document.getElementById('record').innerText");

        await using (var phone = await browser.OpenAsync(390, 844))
        {
            await phone.Page.GoToAsync(server.Host.DashboardAddress.ToString());
            await phone.Page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/playbooks").ToString());
            await phone.Page.WaitForSelectorAsync("#playbooks tr[data-id='checks']");
            output.WriteLine(await phone.ScreenshotAsync("dashboard-playbooks-390x844"));
            await phone.Page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/playbooks/needs-input").ToString());
            await phone.Page.WaitForSelectorAsync("#graph g.node");
            output.WriteLine(await phone.ScreenshotAsync("dashboard-playbook-390x844"));
        }

        Assert.Equal("    needs: [nope]", line);
        Assert.Contains("error PB0101", note, StringComparison.Ordinal);
        Assert.Contains("step 'b' needs 'nope'", note, StringComparison.Ordinal);
        Assert.Equal(["L9"], marked);
        Assert.Equal([$"/ui/executions/{ids[1]}", $"/ui/executions/{ids[0]}"], links);
        Assert.Contains("50%", record, StringComparison.Ordinal);
        Assert.Contains("Rejected at a gate", record, StringComparison.Ordinal);
        Assert.Contains("Refused by a breaker", record, StringComparison.Ordinal);
    }
}
