using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Tests.Browser;
using McpPlaybooks.Server.Tests.Http;
using PuppeteerSharp;
using Xunit.Abstractions;
using static McpPlaybooks.Server.Tests.Dashboard.GateDashboard;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// The gate panel and the step controls in a real headless Chromium against the real HTTP server (no tokens: the local
/// user): a gate approved in the page passes as channel dashboard; a gate decided elsewhere leaves the open page; retry and
/// skip pressed in the page change the execution. Screenshots of the panel at 1280×800 and 390×844.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GatePanelBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    private readonly string _flag = Path.Combine(Path.GetTempPath(), "mcpp-flag-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task GatePanel_ApprovedInThePage_GatePassesAsChannelDashboard()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        var id = await StartAsync(server, "gated");
        await using var session = await browser.OpenAsync(1280, 800);
        var asked = PageDialogs.Confirming(session.Page);

        await OpenExecutionAsync(session.Page, server, id);
        await session.Page.WaitForSelectorAsync("#gates article.gate[data-step='risky'] button.approve");
        var facts = await session.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#gates article.gate dt')].map(d => d.textContent + ': ' + d.nextElementSibling.textContent)");
        await session.Page.TypeAsync("#gates textarea", "looked at the graphs");
        output.WriteLine(await session.ScreenshotAsync("dashboard-gate-panel-1280x800"));
        await using (var phone = await browser.OpenAsync(390, 844))
        {
            await OpenExecutionAsync(phone.Page, server, id);
            await phone.Page.WaitForSelectorAsync("#gates article.gate button.approve");
            output.WriteLine(await phone.ScreenshotAsync("dashboard-gate-panel-390x844"));
        }

        await session.Page.ClickAsync("#gates article.gate button.approve");
        await session.Page.WaitForSelectorAsync("#facts .badge-completed");

        Assert.Contains("Execution: " + id, facts);
        Assert.Contains("Playbook: gated 1.0.0", facts);
        Assert.Contains($"You decide as: local:{Environment.UserName} (channel dashboard)", facts);
        Assert.StartsWith("Approve step 'risky'?", Assert.Single(asked), StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Completed, (await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal((ApprovalChannel.Dashboard, $"local:{Environment.UserName}", "looked at the graphs"), (decision.Channel, decision.Approver, decision.Comment));
        Assert.Equal("Approved step 'risky' (channel dashboard).", await session.Page.EvaluateExpressionAsync<string>("document.getElementById('gate-result').textContent"));
    }

    [Fact]
    public async Task GatePanel_ViewerLoggedIn_SeesTheGateReadOnlyWithWhoMayDecide()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "named", Olga);
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;

        // Logged in through the login form, as a person does (a form post carries the page's own Origin).
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/login").ToString());
        await page.TypeAsync("#token", Bob);
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("form.login button[type=submit]"));
        Assert.Equal(new Uri(server.Host.BaseAddress, "/ui/").ToString(), page.Url);
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + id).ToString());
        await page.WaitForSelectorAsync("#gates article.gate[data-step='risky'] .refused");
        output.WriteLine(await session.ScreenshotAsync("dashboard-gate-panel-viewer-1280x800"));

        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#gates button, #gates textarea').length"));
        Assert.Contains("approver role", await page.EvaluateExpressionAsync<string>("document.querySelector('#gates .refused').textContent"), StringComparison.Ordinal);
        Assert.Contains("Approvers: dana", await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#gates dt')].map(d => d.textContent + ': ' + d.nextElementSibling.textContent)"));
    }

    [Fact]
    public async Task GatePanel_MessageRenderingAnInput_ShowsTheAuthorsWordsUnderIt()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        var id = await StartAsync(server, "templated");
        await using var session = await browser.OpenAsync(1280, 800);

        await OpenExecutionAsync(session.Page, server, id);
        await session.Page.WaitForSelectorAsync("#gates article.gate .gate-template code");

        Assert.Equal("Restart checkout. Checked: safe, approve?", await session.Page.EvaluateExpressionAsync<string>("document.querySelector('#gates .gate-message').textContent"));
        Assert.Equal("Restart {{ inputs.service }}?", await session.Page.EvaluateExpressionAsync<string>("document.querySelector('#gates .gate-template code').textContent"));
    }

    [Fact]
    public async Task GatePanel_GateDecidedElsewhere_LeavesTheOpenPageLive()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        var id = await StartAsync(server, "gated");
        await using var session = await browser.OpenAsync();

        await OpenExecutionAsync(session.Page, server, id);
        await session.Page.WaitForSelectorAsync("#gates article.gate[data-step='risky']");
        await server.Engine.DecideAsync(new ApprovalRequest { ExecutionId = id, StepId = "risky", Approve = true, By = ApproverIdentity.Cli("ops") }, CancellationToken.None);
        await session.Page.WaitForSelectorAsync("#facts .badge-completed");
        await session.Page.WaitForSelectorAsync("#gates", new WaitForSelectorOptions { Hidden = true });

        Assert.Equal(0, await session.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('#gates article.gate').length"));
    }

    [Fact]
    public async Task StepControls_RetryAndSkipPressedInThePage_ChangeTheExecution()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        var retried = await StartAsync(server, "flaky", inputs: new { flag = _flag });
        var skipped = await StartAsync(server, "flaky", inputs: new { flag = _flag });
        await using var session = await browser.OpenAsync();
        var asked = PageDialogs.Confirming(session.Page);
        await File.WriteAllTextAsync(_flag, "");

        await OpenExecutionAsync(session.Page, server, retried);
        await session.Page.WaitForSelectorAsync("#step-controls li[data-step='check'] button[data-action='retry_step']");
        output.WriteLine(await session.ScreenshotAsync("dashboard-step-controls-1280x800"));
        await session.Page.ClickAsync("#step-controls li[data-step='check'] button[data-action='retry_step']");
        await session.Page.WaitForSelectorAsync("#facts .badge-completed");
        await session.Page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + skipped).ToString());
        await session.Page.WaitForSelectorAsync("#step-controls li[data-step='check'] button[data-action='skip_step']");
        await session.Page.ClickAsync("#step-controls li[data-step='check'] button[data-action='skip_step']");
        await session.Page.WaitForSelectorAsync("#facts .badge-completed");

        Assert.Equal(2, asked.Count);
        Assert.StartsWith("Retry step 'check'?", asked[0], StringComparison.Ordinal);
        Assert.StartsWith("Skip step 'check'?", asked[1], StringComparison.Ordinal);
        var retriedState = await server.Engine.WaitAsync(retried, TimeSpan.FromSeconds(30), CancellationToken.None);
        var skippedState = await server.Engine.WaitAsync(skipped, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(StepStatus.Completed, retriedState.Steps.Single(step => step.Id == "check").Status);
        Assert.Equal(StepStatus.Skipped, skippedState.Steps.Single(step => step.Id == "check").Status);
        var audit = await server.Engine.History.GetAuditAsync(retried + "/check", CancellationToken.None);
        Assert.Contains(audit, entry => entry.Action == "retry_step" && entry.Actor == $"local:{Environment.UserName}" && entry.DetailJson!.Contains("\"channel\":\"dashboard\"", StringComparison.Ordinal));
    }

    public void Dispose() => File.Delete(_flag);

    private static async Task OpenExecutionAsync(IPage page, HttpTestServer server, string id)
    {
        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + id).ToString());
    }
}
