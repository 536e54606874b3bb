using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Server.Tests.Web;

namespace McpPlaybooks.Server.Tests.Browser;

/// <summary>
/// A person decides through a one-time link in a real headless Chromium, against the real HTTP server: the gate passes
/// as channel link; the same link again is refused; a forged CSRF token is refused with nothing recorded.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApprovalLinkBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Link_PersonApprovesInTheBrowser_GatePassesAsLinkAndTheLinkIsThenRefused()
    {
        await using var server = await ApprovalPageHttpTests.StartAsync();
        var (id, link) = await ApprovalPageHttpTests.ParkAsync(server);
        await using var session = await browser.OpenAsync();

        var opened = await session.Page.GoToAsync(link.ToString());
        await session.Page.TypeAsync("textarea[name=comment]", "checked the dashboards");
        await session.ScreenshotAsync("approval-link-page");
        var navigation = session.Page.WaitForNavigationAsync();
        await session.Page.ClickAsync("button.approve");
        var decided = await navigation;
        var decidedText = await session.Page.EvaluateExpressionAsync<string>("document.body.innerText");
        var done = await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        var again = await session.Page.GoToAsync(link.ToString());
        var againText = await session.Page.EvaluateExpressionAsync<string>("document.body.innerText");

        Assert.Equal(System.Net.HttpStatusCode.OK, opened.Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, decided.Status);
        Assert.Contains("You approved step 'risky'", decidedText, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal((ApprovalChannel.Link, "link", "checked the dashboards"), (decision.Channel, decision.Approver, decision.Comment));
        Assert.Equal(System.Net.HttpStatusCode.Gone, again.Status);
        Assert.Contains("Link already used", againText, StringComparison.Ordinal);
        Assert.Equal(0, await session.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('form').length"));
    }

    [Fact]
    public async Task Link_FormWithAForgedCsrfToken_IsRefusedAndNothingIsRecorded()
    {
        await using var server = await ApprovalPageHttpTests.StartAsync();
        var (id, link) = await ApprovalPageHttpTests.ParkAsync(server);
        await using var session = await browser.OpenAsync();

        await session.Page.GoToAsync(link.ToString());
        await session.Page.EvaluateExpressionAsync("document.querySelector('input[name=csrf]').value = 'forged'");
        var navigation = session.Page.WaitForNavigationAsync();
        await session.Page.ClickAsync("button.approve");
        var refused = await navigation;
        var text = await session.Page.EvaluateExpressionAsync<string>("document.body.innerText");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("Form not accepted", text, StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Null((await server.Engine.History.ApprovalLinks.GetAsync(LinkTokens.Hash(link.Segments[^1]), CancellationToken.None))!.UsedAt);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await server.Engine.GetStateAsync(id, CancellationToken.None))!.Status);
    }
}
