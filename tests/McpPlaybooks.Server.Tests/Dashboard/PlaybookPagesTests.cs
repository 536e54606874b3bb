using System.Net;
using System.Text.Json;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary><c>/ui/api/playbooks</c> and <c>/ui/playbooks/...</c> over real HTTP, with executions run through the engine.</summary>
public sealed class PlaybookPagesTests
{
    [Fact]
    public async Task Catalogue_ListsPlaybooksWithStatusAndTrackRecord_AndInvalidFilesWithLocations()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        await PagePlaybooks.RunChecksAsync(server, 0, 7);
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var catalogue = await JsonAsync(browser, DashboardRoutes.PlaybooksData);

        var rows = catalogue.GetProperty("playbooks").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(["checks", "needs-input"], rows.Keys.Order(StringComparer.Ordinal));
        var checks = rows["checks"];
        Assert.Equal(("1.0.0", "active"), (checks.GetProperty("version").GetString(), checks.GetProperty("status").GetString()));
        Assert.Equal("Probes a node; fails when told to.", checks.GetProperty("description").GetString());
        Assert.Equal(2, checks.GetProperty("runs").GetInt32());
        Assert.Equal(0.5, checks.GetProperty("success_rate").GetDouble());
        Assert.Equal(0, rows["needs-input"].GetProperty("runs").GetInt32());
        var invalid = Assert.Single(catalogue.GetProperty("invalid").EnumerateArray());
        Assert.Equal("broken", invalid.GetProperty("playbook_id").GetString());
        Assert.EndsWith("broken.yaml", invalid.GetProperty("path").GetString(), StringComparison.Ordinal);
        var problem = Assert.Single(invalid.GetProperty("problems").EnumerateArray(), p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal(("PB0101", 9, 13), (problem.GetProperty("code").GetString(), problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetInt32()));
        Assert.Contains("needs 'nope'", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_PlaybookWithFailures_SuccessRatePercentilesAndRecentExecutions()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        var ids = await PagePlaybooks.RunChecksAsync(server, 0, 3, 0, 5);
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var detail = await JsonAsync(browser, "/ui/api/playbooks/checks");

        Assert.True(detail.GetProperty("valid").GetBoolean());
        Assert.Equal(PagePlaybooks.Checks, detail.GetProperty("yaml").GetString());
        var record = detail.GetProperty("record");
        Assert.Equal((4, 2, 2), (record.GetProperty("runs").GetInt32(), record.GetProperty("completed").GetInt32(), record.GetProperty("failed").GetInt32()));
        Assert.Equal(0.5, record.GetProperty("success_rate").GetDouble());
        Assert.True(record.GetProperty("p50_ms").GetDouble() > 0);
        Assert.True(record.GetProperty("p95_ms").GetDouble() >= record.GetProperty("p50_ms").GetDouble());
        var recent = record.GetProperty("recent").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Reverse(ids), recent.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(["failed", "completed", "failed", "completed"], recent.Select(e => e.GetProperty("status").GetString()));
        Assert.StartsWith("configuration: ", recent[0].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_RunRejectedAtItsGate_CountedRejectedNotFailed()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        var id = await GateDashboard.StartAsync(server, "needs-input", inputs: new { service = "db" });
        await server.Engine.DecideAsync(new ApprovalRequest { ExecutionId = id, StepId = "restart", Approve = false, By = ApproverIdentity.Cli("ops") }, CancellationToken.None);
        Assert.Equal(ExecutionStatus.Failed, (await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var record = (await JsonAsync(browser, "/ui/api/playbooks/needs-input")).GetProperty("record");

        Assert.Equal((1, 0, 0, 1, 0), (record.GetProperty("runs").GetInt32(), record.GetProperty("completed").GetInt32(), record.GetProperty("failed").GetInt32(),
            record.GetProperty("rejected").GetInt32(), record.GetProperty("breaker_refused").GetInt32()));
        Assert.False(record.TryGetProperty("success_rate", out _));
    }

    [Fact]
    public async Task Detail_InvalidPlaybook_ItsYamlAndErrorsWithLines()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var detail = await JsonAsync(browser, "/ui/api/playbooks/broken");
        var (status, html) = await browser.PageAsync("/ui/playbooks/broken");

        Assert.False(detail.GetProperty("valid").GetBoolean());
        Assert.False(detail.TryGetProperty("plan", out _));
        Assert.False(detail.TryGetProperty("version", out _));
        Assert.Equal(PagePlaybooks.Broken, detail.GetProperty("yaml").GetString());
        var error = Assert.Single(detail.GetProperty("problems").EnumerateArray(), p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal((9, 13), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.Equal("    needs: [nope]", PagePlaybooks.Broken.Split('\n')[8]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-id=\"broken\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_NeedsInputs_PlanHasTheStepsAndEdges_AndSaysWhichInputsAreMissing()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var plan = (await JsonAsync(browser, "/ui/api/playbooks/needs-input")).GetProperty("plan");

        var steps = plan.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["find", "restart", "tell", "done"], steps.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(["find->restart", "find->tell", "restart->done"], steps.SelectMany(s => s.GetProperty("needs").EnumerateArray().Select(n => $"{n.GetString()}->{s.GetProperty("id").GetString()}")));
        Assert.Equal(["yes", "yes", "if", "yes"], steps.Select(s => s.GetProperty("would_run").GetString()));
        Assert.Equal("approval", steps[1].GetProperty("gate").GetString());
        Assert.Equal("inputs.service == 'web'", steps[2].GetProperty("condition").GetString());
        var missing = Assert.Single(plan.GetProperty("missing_inputs").EnumerateArray()).GetString();
        Assert.Equal("input 'service' is required (string: the service to restart)", missing);
        Assert.False(plan.TryGetProperty("dry_run_id", out _));
    }

    [Fact]
    public async Task Detail_AfterADryRunOfThisVersion_PlanTakesWhatItSaid()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        var mcp = await server.ConnectAsync();
        var dryRun = (await mcp.CallOkAsync("plan_playbook", new { playbook_id = "needs-input", inputs = new { service = "db" } })).Str("execution_id");
        using var browser = await ExecutionListTests.SignedInAsync(server);

        var plan = (await JsonAsync(browser, "/ui/api/playbooks/needs-input")).GetProperty("plan");

        Assert.Equal(dryRun, plan.GetProperty("dry_run_id").GetString());
        var steps = plan.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal("no", steps["tell"].GetProperty("would_run").GetString());
        Assert.Contains("inputs.service == 'web'", steps["tell"].GetProperty("condition").GetString(), StringComparison.Ordinal);
        Assert.Equal("yes", steps["find"].GetProperty("would_run").GetString());
        Assert.Contains("db", Assert.Single(steps["find"].GetProperty("description").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/api/playbooks/nope", "No playbook 'nope' in the catalogue")]
    [InlineData("/ui/api/playbooks/checks?version=9.9.9", "Playbook 'checks' has no version '9.9.9'")]
    [InlineData("/ui/api/playbooks/broken?version=1.0.0", "Playbook 'broken' has no version '1.0.0'")]
    public async Task Detail_UnknownIdOrVersion_404WithAMessage(string path, string expected)
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All());
        using var browser = await ExecutionListTests.SignedInAsync(server);

        using var api = await browser.Http.GetAsync(path);
        var (pageStatus, html) = await browser.PageAsync(path.Replace("/ui/api/", "/ui/", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.StartsWith(expected, JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, pageStatus);
        Assert.Contains("<h1>No such playbook</h1>", html, StringComparison.Ordinal);
        Assert.Contains(expected, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_WithTokens_AViewerReadsThem_NoSessionIsRefused()
    {
        await using var server = await HttpTestServer.StartAsync(PagePlaybooks.All(), http => http with { Tokens = HttpTestServer.WithTokens });
        using var anonymous = new DashboardClient(server.Host.BaseAddress);
        using var viewer = new DashboardClient(server.Host.BaseAddress);
        await viewer.LogInAsync(HttpTestServer.BobToken);

        using var refused = await anonymous.Http.GetAsync(DashboardRoutes.PlaybooksData);
        using var refusedInsights = await anonymous.Http.GetAsync(DashboardRoutes.InsightsData);
        var catalogue = await JsonAsync(viewer, DashboardRoutes.PlaybooksData);
        var insights = await JsonAsync(viewer, DashboardRoutes.InsightsData);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedInsights.StatusCode);
        Assert.Equal(2, catalogue.GetProperty("playbooks").GetArrayLength());
        Assert.Equal(30, insights.GetProperty("days").GetInt32());
    }

    internal static async Task<JsonElement> JsonAsync(DashboardClient browser, string path)
    {
        using var response = await browser.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    internal static string Percent(double rate) => Math.Round(rate * 100, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";
}
