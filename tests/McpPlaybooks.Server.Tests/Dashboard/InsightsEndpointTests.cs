using System.Net;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Http;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary><c>/ui/api/insights</c> over real HTTP after real executions: the figures are the learning memory's.</summary>
public sealed class InsightsEndpointTests
{
    [Fact]
    public async Task Insights_PlaybookWithFailures_RateByDayCategoriesAndRecommendationsAreTheMemorys()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        var ids = await PagePlaybooks.RunChecksAsync(server, 0, 4, 4, 0, 4);
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var insights = await PlaybookPagesTests.JsonAsync(browser, DashboardRoutes.InsightsData + "?days=7");

        Assert.True(insights.GetProperty("learning_memory").GetBoolean());
        Assert.Equal(7, insights.GetProperty("days").GetInt32());
        var trend = Assert.Single(insights.GetProperty("playbooks").EnumerateArray());
        Assert.Equal("checks", trend.GetProperty("playbook_id").GetString());
        Assert.Equal((5, 2, 3), (trend.GetProperty("runs").GetInt32(), trend.GetProperty("completed").GetInt32(), trend.GetProperty("failed").GetInt32()));
        Assert.Equal(0.4, trend.GetProperty("success_rate").GetDouble(), 6);
        var today = Assert.Single(trend.GetProperty("points").EnumerateArray());
        Assert.Equal(insights.GetProperty("today").GetDateTimeOffset(), today.GetProperty("day").GetDateTimeOffset());
        Assert.Equal((5, 0.4), (today.GetProperty("runs").GetInt32(), Math.Round(today.GetProperty("success_rate").GetDouble(), 6)));
        var metrics = Assert.Single((await server.Engine.Memory.GetMetricsAsync(new MetricsQuery(), CancellationToken.None)).Playbooks);
        Assert.Equal(metrics.DurationP50!.Value.TotalMilliseconds, trend.GetProperty("p50_ms").GetDouble(), 3);
        Assert.Equal(metrics.DurationP95!.Value.TotalMilliseconds, trend.GetProperty("p95_ms").GetDouble(), 3);

        var attempts = new List<string>();
        foreach (var id in ids)
        {
            attempts.AddRange((await server.Engine.History.GetAttemptsAsync(id, CancellationToken.None))
                .Where(a => a.ErrorCategory is not null).Select(a => Engine.Definitions.EnumNames.ToName(a.ErrorCategory!.Value)));
        }

        Assert.Equal(["configuration", "configuration", "configuration"], attempts);
        var category = Assert.Single(insights.GetProperty("error_categories").EnumerateArray());
        Assert.Equal(("configuration", 3), (category.GetProperty("category").GetString(), category.GetProperty("count").GetInt32()));
        var pattern = Assert.Single(insights.GetProperty("error_patterns").EnumerateArray());
        Assert.Equal(("probe", 3), (pattern.GetProperty("step_id").GetString(), pattern.GetProperty("count").GetInt32()));
        var memory = await server.Engine.Memory.GetInsightsAsync(new InsightsQuery { Limit = InsightsEndpoint.Limit }, id => server.Catalog.Current.Find(id)?.Definition, CancellationToken.None);
        Assert.Equal(memory.Recommendations.Select(r => r.Text), insights.GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
        Assert.Empty(insights.GetProperty("open_breakers").EnumerateArray());
    }

    [Fact]
    public async Task Insights_NothingRun_EmptyLists()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var insights = await PlaybookPagesTests.JsonAsync(browser, DashboardRoutes.InsightsData);

        Assert.Equal(30, insights.GetProperty("days").GetInt32());
        Assert.Equal(insights.GetProperty("today").GetDateTimeOffset().AddDays(-29), insights.GetProperty("since").GetDateTimeOffset());
        Assert.Empty(insights.GetProperty("playbooks").EnumerateArray());
        Assert.Empty(insights.GetProperty("error_categories").EnumerateArray());
        Assert.Empty(insights.GetProperty("flaky_steps").EnumerateArray());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    [InlineData("x")]
    [InlineData("-1")]
    public async Task Insights_BadDays_400(string days)
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        using var browser = await ExecutionListTests.SignedInAsync(server);

        using var response = await browser.Http.GetAsync(DashboardRoutes.InsightsData + "?days=" + days);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("days must be a whole number from 1 to 365", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
