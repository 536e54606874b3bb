using System.Collections.Concurrent;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Web;

/// <summary>
/// A client that opens URLs but answers no forms is offered the approval page's one-time link by URL-mode elicitation
/// (or by a round trip over 2026-07-28); the person decides on the page, and the waiting call sees the gate pass.
/// </summary>
public sealed class UrlElicitationTests
{
    [Theory]
    [InlineData(true)] // 2025-11-25: an elicitation request in URL mode
    [InlineData(false)] // 2026-07-28: the same question as an input-required result
    public async Task ExecutePlaybook_UrlOnlyClient_GetsThePagesLink_AndTheDecisionThereCountsAsLink(bool pinned)
    {
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["linked.yaml"] = LinkPlaybooks.Open });
        var offered = new ConcurrentQueue<ElicitRequestParams>();
        var client = await server.ConnectAsync(options: Opening(offered, decide: "approve"), pinned: pinned);

        var result = await client.CallAsync("execute_playbook", new { playbook_id = "linked", wait_seconds = 30 });

        var state = result.StructuredContent!.Value;
        Assert.Equal("completed", state.Str("status"));
        var question = Assert.Single(offered);
        Assert.Equal("url", question.Mode);
        Assert.StartsWith(new Uri(server.Host.BaseAddress, "approve/").AbsoluteUri, question.Url, StringComparison.Ordinal);
        Assert.Contains("Restart checkout<b>?", question.Message, StringComparison.Ordinal);
        var url = question.Url!;
        var token = url[(url.LastIndexOf('/') + 1)..];
        Assert.DoesNotContain(token, System.Text.Json.JsonSerializer.Serialize(result), StringComparison.Ordinal);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
        Assert.Equal((ApprovalChannel.Link, "link", true), (decision.Channel, decision.Approver, decision.Approved));
        // Over 2026-07-28 the person may decide on the page before the client calls back with its answer.
        Assert.Matches(@"the user opened the approval page offered in the chat|was decided \(on the approval page, or elsewhere\) before this call came back", state.Str("note"));
    }

    [Fact]
    public async Task ExecutePlaybook_UrlOnlyClientDeclines_StaysWaitingAndSaysSo()
    {
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["linked.yaml"] = LinkPlaybooks.Open });
        var offered = new ConcurrentQueue<ElicitRequestParams>();
        var client = await server.ConnectAsync(options: Opening(offered, decide: null, action: "decline"));

        var state = await client.CallOkAsync("execute_playbook", new { playbook_id = "linked", wait_seconds = 30 });

        Assert.Equal("waiting_approval", state.Str("status"));
        Assert.Single(offered);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
        Assert.Contains("the user chose 'decline' when offered the approval page in the chat", state.Str("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutePlaybook_UrlOnlyClient_AGateALinkCannotPass_IsNotOffered()
    {
        // The gate accepts the role oncall; a link offered in the chat is issued for nobody (no chat user, no token), so a
        // decision through it would be refused: the person is not sent to a page that cannot count.
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["oncall-gate.yaml"] = LinkPlaybooks.Oncall });
        var offered = new ConcurrentQueue<ElicitRequestParams>();
        var client = await server.ConnectAsync(options: Opening(offered, decide: "approve"));

        var state = await client.CallOkAsync("execute_playbook", new { playbook_id = "oncall-gate", wait_seconds = 5 });

        Assert.Equal("waiting_approval", state.Str("status"));
        Assert.Empty(offered);
        Assert.Contains("needs a person's decision", state.Str("note"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A client that declares URL mode only; offered a link, it answers <paramref name="action"/> and, when it accepts,
    /// a person opens the page and posts <paramref name="decide"/> (as a browser would, after the answer).
    /// </summary>
    private static McpClientOptions Opening(ConcurrentQueue<ElicitRequestParams> offered, string? decide, string action = "accept") => new()
    {
        ClientInfo = new Implementation { Name = "url-client", Version = "1.0.0" },
        Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Url = new UrlElicitationCapability() } },
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, cancellationToken) =>
            {
                offered.Enqueue(request!);
                if (action == "accept" && decide is not null && request!.Url is { } url)
                {
                    _ = OpenAndDecideAsync(new Uri(url), decide);
                }

                return ValueTask.FromResult(new ElicitResult { Action = action });
            },
        },
    };

    /// <summary>What the person does in the browser: opens the page, then posts the decision with the page's CSRF token.</summary>
    private static async Task OpenAndDecideAsync(Uri link, string decision)
    {
        await Task.Yield();
        using var browser = new HttpClient();
        var page = await ApprovalPageClient.GetAsync(browser, link);
        await ApprovalPageClient.PostAsync(browser, link, ApprovalPageClient.Csrf(page.Html), decision, ApprovalPageClient.OriginOf(link));
    }
}
