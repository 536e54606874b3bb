using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Tests.Browser;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>The one-execution page in a real headless Chromium: the step graph, and a control pressed and confirmed in the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExecutionPageBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task ExecutionPage_GraphHasANodePerStepAndAnEdgePerNeed_CancelConfirmedInThePage_CancelsIt()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        var mcp = await server.ConnectAsync();
        var id = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 })).Str("execution_id");
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;
        var asked = PageDialogs.Confirming(page);

        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.WaitForSelectorAsync($"#waiting tr[data-id='{id}'] a.id");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync($"#waiting tr[data-id='{id}'] a.id"));
        await page.WaitForSelectorAsync("#graph g.node[data-step='risky'][data-status='waiting_approval']");
        var nodes = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#graph g.node')].map(n => n.dataset.step + ':' + n.querySelector('.node-status').textContent)");
        var edges = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#graph path.edge')].map(e => e.dataset.from + '->' + e.dataset.to)");
        output.WriteLine(await session.ScreenshotAsync("dashboard-execution-1280x800"));
        await using (var phone = await browser.OpenAsync(390, 844))
        {
            await phone.Page.GoToAsync(server.Host.DashboardAddress.ToString());
            await phone.Page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + id).ToString());
            await phone.Page.WaitForSelectorAsync("#graph g.node[data-step='risky']");
            output.WriteLine(await phone.ScreenshotAsync("dashboard-execution-390x844"));
        }

        await page.ClickAsync("#buttons button[data-action='cancel']");
        await page.WaitForSelectorAsync("#facts .badge-cancelled");

        Assert.Equal(["before:completed", "risky:waiting for approval"], nodes);
        Assert.Equal(["before->risky"], edges);
        Assert.StartsWith("Cancel this execution?", Assert.Single(asked), StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Cancelled, (await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
        var actors = (await server.Engine.History.GetAuditAsync(id, CancellationToken.None)).Select(entry => entry.Actor);
        Assert.Contains($"local:{Environment.UserName}", actors);
    }

    [Fact]
    public async Task ExecutionPage_OfAParentWhoseChildWaitsAtAGate_ListsTheChild_ApprovedInThePage_BothComplete_ChildLinksBack_AsInTheList()
    {
        var playbooks = ExecutionListTests.Playbooks();
        playbooks["parent.yaml"] = Mcp.Tools.Executions.TestPlaybooks.ParentOfGated;
        await using var server = await HttpTestServer.StartAsync(playbooks);
        var mcp = await server.ConnectAsync();
        var parent = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "parent", wait_seconds = 30 })).Str("execution_id");
        var child = Assert.Single(await server.Engine.History.ListChildrenAsync(parent, CancellationToken.None)).Id;
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;
        var asked = PageDialogs.Confirming(page);

        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + parent).ToString());
        await page.WaitForSelectorAsync($"#children a[href='/ui/executions/{child}']");
        await page.WaitForSelectorAsync($"#gates article.gate[data-execution='{child}'][data-step='risky'] button.approve");
        var listed = await page.EvaluateExpressionAsync<string>("document.querySelector('#children li').textContent");
        var title = await page.EvaluateExpressionAsync<string>("document.querySelector('#gates article.gate h3').textContent");
        output.WriteLine(await session.ScreenshotAsync("dashboard-execution-parent-1280x800"));
        await page.ClickAsync($"#gates article.gate[data-execution='{child}'] button.approve");
        await page.WaitForSelectorAsync("#facts .badge-completed");
        // The child link is followed by its href, read in one evaluation: the live feed redraws the facts as both end, and a
        // click could land on a node already replaced.
        var link = await page.EvaluateExpressionAsync<string>("document.querySelector('#children a').getAttribute('href')");
        await page.GoToAsync(new Uri(server.Host.BaseAddress, link).ToString());
        await page.WaitForSelectorAsync($"#facts a[href='/ui/executions/{parent}']");
        var back = await page.EvaluateExpressionAsync<string>("[...document.querySelectorAll('#facts dt')].map(dt => dt.textContent).join('|')");
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/").ToString());
        await page.WaitForSelectorAsync($"#executions tr[data-id='{child}'] .parent a[href='/ui/executions/{parent}']");
        var inTheList = await page.EvaluateExpressionAsync<string>($"document.querySelector(\"#executions tr[data-id='{child}'] .parent\").textContent");

        Assert.Equal($"{child} waiting for approval gated", listed);
        Assert.Equal($"/ui/executions/{child}", link);
        Assert.Equal($"Approve risky in child execution {child}?", title);
        Assert.StartsWith($"Approve step 'risky' of child execution {child}?", Assert.Single(asked), StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Completed, (await server.Engine.WaitAsync(parent, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(child, CancellationToken.None));
        Assert.Equal(Engine.Execution.Approvals.ApprovalChannel.Dashboard, decision.Channel);
        Assert.Contains("Started by the execution", back, StringComparison.Ordinal);
        Assert.DoesNotContain("Child executions", back, StringComparison.Ordinal);
        Assert.Equal($"child of {parent}", inTheList);
    }

    [Fact]
    public async Task ExecutionPage_OfAGrandparent_ShowsTheGrandchildsGateThroughItsParent_ApprovedThere_AllComplete()
    {
        var playbooks = ExecutionListTests.Playbooks();
        playbooks["parent.yaml"] = Mcp.Tools.Executions.TestPlaybooks.ParentOfGated;
        playbooks["grandparent.yaml"] = Mcp.Tools.Executions.TestPlaybooks.ParentOfGated.Replace("id: parent", "id: grandparent", StringComparison.Ordinal).Replace("{ id: gated }", "{ id: parent }", StringComparison.Ordinal);
        await using var server = await HttpTestServer.StartAsync(playbooks);
        var mcp = await server.ConnectAsync();
        var top = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "grandparent", wait_seconds = 30 })).Str("execution_id");
        var parent = Assert.Single(await server.Engine.History.ListChildrenAsync(top, CancellationToken.None)).Id;
        var child = Assert.Single(await server.Engine.History.ListChildrenAsync(parent, CancellationToken.None)).Id;
        await using var session = await browser.OpenAsync(1280, 800);
        var page = session.Page;
        var asked = PageDialogs.Confirming(page);

        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + top).ToString());
        await page.WaitForSelectorAsync($"#gates article.gate[data-execution='{child}'][data-step='risky'] button.approve");
        var title = await page.EvaluateExpressionAsync<string>("document.querySelector('#gates article.gate h3').textContent");
        var links = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#gates article.gate h3 a')].map(a => a.getAttribute('href'))");
        await page.ClickAsync($"#gates article.gate[data-execution='{child}'] button.approve");
        await page.WaitForSelectorAsync("#facts .badge-completed");

        Assert.Equal($"Approve risky in execution {child}, started by {parent}?", title);
        Assert.Equal([$"/ui/executions/{child}", $"/ui/executions/{parent}"], links);
        Assert.Equal(ExecutionStatus.Completed, (await server.Engine.WaitAsync(top, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
        Assert.StartsWith($"Approve step 'risky' of execution {child}, started by {parent}?", Assert.Single(asked), StringComparison.Ordinal);
        Assert.Equal(Engine.Execution.Approvals.ApprovalChannel.Dashboard, Assert.Single(await server.Engine.History.GetDecisionsAsync(child, CancellationToken.None)).Channel);
    }

    [Fact]
    public async Task ExecutionPage_OfAParentOfMoreChildrenThanItLists_LinksToTheListOfItsChildren()
    {
        var playbooks = ExecutionListTests.Playbooks();
        playbooks["fan-out.yaml"] = ExecutionListTests.FanOut;
        await using var server = await HttpTestServer.StartAsync(playbooks);
        var mcp = await server.ConnectAsync();
        var parent = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "fan-out", wait_seconds = 60 })).Str("execution_id");
        await mcp.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 });
        await using var session = await browser.OpenAsync();
        var page = session.Page;

        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + parent).ToString());
        await page.WaitForSelectorAsync("#children li.hint a");
        var more = await page.EvaluateExpressionAsync<string[]>("[document.querySelector('#children li.hint a').textContent, document.querySelector('#children li.hint a').getAttribute('href')]");
        await page.GoToAsync(new Uri(server.Host.BaseAddress, more[1]).ToString());
        await page.WaitForSelectorAsync("#older:not([hidden])");
        var note = await page.EvaluateExpressionAsync<string>("document.getElementById('parent-filter').hidden ? '' : document.getElementById('parent-filter').textContent");
        var parents = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#executions tr[data-id] .parent a')].map(a => a.textContent)");

        Assert.Equal(["and 2 more", $"/ui/?parent={parent}"], more);
        Assert.Equal($"Only the child executions of {parent}. Show every execution", note);
        Assert.Equal(Enumerable.Repeat(parent, McpPlaybooks.Server.Dashboard.ExecutionListEndpoint.PageSize), parents);
    }

    [Fact]
    public async Task ExecutionPage_CancelDismissed_NothingChanges()
    {
        await using var server = await HttpTestServer.StartAsync(ExecutionListTests.Playbooks());
        var mcp = await server.ConnectAsync();
        var id = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 })).Str("execution_id");
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        var dismissed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Dialog += async (_, e) =>
        {
            await e.Dialog.Dismiss();
            dismissed.TrySetResult();
        };

        await page.GoToAsync(server.Host.DashboardAddress.ToString());
        await page.GoToAsync(new Uri(server.Host.BaseAddress, "/ui/executions/" + id).ToString());
        await page.WaitForSelectorAsync("#buttons button[data-action='cancel']");
        await page.ClickAsync("#buttons button[data-action='cancel']");
        await dismissed.Task;

        Assert.Equal(ExecutionStatus.WaitingApproval, (await server.Engine.History.GetExecutionAsync(id, CancellationToken.None))!.Status);
        Assert.Equal("", await page.EvaluateExpressionAsync<string>("document.getElementById('control-result').textContent"));
    }
}
