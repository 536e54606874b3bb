using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Browser;
using McpPlaybooks.Server.Tests.Http;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>The insights page in a real headless Chromium: its chart, its numbers against the API, and a live reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsPageBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Rate = "document.querySelector(\"article[data-playbook='checks'] [data-field='success-rate']\")?.textContent ?? ''";

    [Fact]
    public async Task InsightsPage_ChartAndNumbersMatchTheApi_AndAnExecutionThatEndsReloadsThem()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        await PagePlaybooks.RunChecksAsync(server, 0, 4, 0);
        using var client = await ExecutionListTests.SignedInAsync(server);
        var api = await PlaybookPagesTests.JsonAsync(client, DashboardRoutes.InsightsData);
        var trend = api.GetProperty("playbooks")[0];
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;

        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.GoToAsync(new Uri(server.Host.BaseAddress, DashboardRoutes.Insights).ToString());
        await page.WaitForSelectorAsync("article[data-playbook='checks'] svg.chart rect.bar");
        var section = await page.EvaluateExpressionAsync<string>("document.querySelector('nav.sections a[aria-current=page]').textContent");
        var shownRate = await page.EvaluateExpressionAsync<string>(Rate);
        var shownRuns = await page.EvaluateExpressionAsync<string>("document.querySelector(\"article[data-playbook='checks'] [data-field='runs']\").textContent");
        var bars = await page.EvaluateExpressionAsync<int>("document.querySelectorAll(\"article[data-playbook='checks'] rect.bar\").length");
        var tableRow = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll(\"article[data-playbook='checks'] tbody tr td\")].map(td => td.textContent)");
        var categories = await page.EvaluateExpressionAsync<string>("document.getElementById('categories').innerText");
        output.WriteLine(await session.ScreenshotAsync("dashboard-insights-1280x800"));

        Assert.Equal("Insights", section);
        Assert.Equal(PlaybookPagesTests.Percent(trend.GetProperty("success_rate").GetDouble()), shownRate);
        Assert.Equal("67%", shownRate);
        Assert.Equal($"{trend.GetProperty("runs").GetInt32()} runs", shownRuns);
        Assert.Equal(trend.GetProperty("points").GetArrayLength(), bars);
        var point = trend.GetProperty("points")[0];
        Assert.Equal([point.GetProperty("day").GetString()![..10], "3", "2", "1", "67%"], tableRow[..5]);
        Assert.Contains("configuration", categories, StringComparison.Ordinal);

        await PagePlaybooks.RunChecksAsync(server, 0);
        await page.WaitForFunctionAsync($"() => ({Rate}) === '75%'");

        await using var phone = await browser.OpenAsync(390, 844);
        await phone.Page.GoToAsync(server.Host.DashboardAddress.ToString());
        await phone.Page.GoToAsync(new Uri(server.Host.BaseAddress, DashboardRoutes.Insights).ToString());
        await phone.Page.WaitForSelectorAsync("article[data-playbook='checks'] svg.chart");
        output.WriteLine(await phone.ScreenshotAsync("dashboard-insights-390x844"));
    }
}
