using System.Net;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;
using Throttle = McpPlaybooks.Server.Web.ApprovalPageThrottle;

namespace McpPlaybooks.Server.Tests.Web;

/// <summary>
/// The approval page over the real HTTP server (Kestrel on 127.0.0.1) with a plain HttpClient: the page, a decision that
/// counts once as channel link, and every bad input (wrong, used, closed link; forged or missing CSRF; foreign Origin)
/// refused with nothing recorded.
/// </summary>
public sealed class ApprovalPageHttpTests
{
    [Fact]
    public async Task Get_OpenLink_ShowsTheGateEncodedWithTheSecurityHeaders()
    {
        await using var server = await StartAsync();
        var (id, link) = await ParkAsync(server);

        var (status, html, response) = await ApprovalPageClient.GetAsync(server.Raw, link);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(id, html, StringComparison.Ordinal);
        Assert.Contains("linked 1.0.0", html, StringComparison.Ordinal);
        Assert.Contains("Restart checkout&lt;b&gt;?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("checkout<b>", html, StringComparison.Ordinal);
        Assert.Contains("before values were put in", html, StringComparison.Ordinal);
        Assert.Contains("<code>Restart {{ inputs.service }}?</code>", html, StringComparison.Ordinal);
        Assert.Contains("Action <code>set</code>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"approve\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Post_FromThePage_ApprovesAsLinkOnceAndTheSamePostAgainIsRefused()
    {
        await using var server = await StartAsync();
        var (id, link) = await ParkAsync(server);
        var csrf = ApprovalPageClient.Csrf((await ApprovalPageClient.GetAsync(server.Raw, link)).Html);

        var approved = await ApprovalPageClient.PostAsync(server.Raw, link, csrf, "approve", ApprovalPageClient.OriginOf(link), "ok from the page");
        var done = await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        var again = await ApprovalPageClient.PostAsync(server.Raw, link, csrf, "reject", ApprovalPageClient.OriginOf(link));

        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Contains("You approved step &#x27;risky&#x27;", approved.Html, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal((ApprovalChannel.Link, "link", "ok from the page"), (decision.Channel, decision.Approver, decision.Comment));
        Assert.Equal(HttpStatusCode.Gone, again.Status);
        Assert.Contains("Link already used", again.Html, StringComparison.Ordinal);
        Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("forged")]
    [InlineData("other-link")]
    public async Task Post_MissingOrForgedCsrf_403AndNothingRecorded(string? csrf)
    {
        await using var server = await StartAsync();
        var (id, link) = await ParkAsync(server);
        if (csrf == "other-link")
        {
            // A real page's token, but of another link to the same gate.
            var other = await IssueAsync(server, id);
            csrf = ApprovalPageClient.Csrf((await ApprovalPageClient.GetAsync(server.Raw, other)).Html);
        }

        var refused = await ApprovalPageClient.PostAsync(server.Raw, link, csrf, "approve", ApprovalPageClient.OriginOf(link));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("Nothing was recorded", refused.Html, StringComparison.Ordinal);
        await AssertNothingRecordedAsync(server, id, link);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("http://evil.example")]
    public async Task Post_MissingOrForeignOrigin_403AndNothingRecorded(string? origin)
    {
        await using var server = await StartAsync();
        var (id, link) = await ParkAsync(server);
        var csrf = ApprovalPageClient.Csrf((await ApprovalPageClient.GetAsync(server.Raw, link)).Html);

        var refused = await ApprovalPageClient.PostAsync(server.Raw, link, csrf, "approve", origin);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        await AssertNothingRecordedAsync(server, id, link);
    }

    [Fact]
    public async Task GetAndPost_UnknownLink_404PageSayingSo()
    {
        await using var server = await StartAsync();
        var (id, link) = await ParkAsync(server);
        var unknown = new Uri(server.Host.BaseAddress, "approve/" + LinkTokens.New());
        var csrf = ApprovalPageClient.Csrf((await ApprovalPageClient.GetAsync(server.Raw, link)).Html);

        var (status, html, _) = await ApprovalPageClient.GetAsync(server.Raw, unknown);
        var posted = await ApprovalPageClient.PostAsync(server.Raw, unknown, csrf, "approve", ApprovalPageClient.OriginOf(unknown));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Unknown link", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status); // the page's token is bound to its own link
        await AssertNothingRecordedAsync(server, id, link);
    }

    [Fact]
    public async Task Post_GateClosedMeanwhile_410AndNothingRecorded()
    {
        await using var server = await StartAsync();
        var (id, link) = await ParkAsync(server);
        var csrf = ApprovalPageClient.Csrf((await ApprovalPageClient.GetAsync(server.Raw, link)).Html);
        await server.Engine.DecideAsync(new ApprovalRequest { ExecutionId = id, StepId = "risky", Approve = true, By = ApproverIdentity.Cli("alice", "alice") }, CancellationToken.None);
        await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);

        var refused = await ApprovalPageClient.PostAsync(server.Raw, link, csrf, "reject", ApprovalPageClient.OriginOf(link));
        var (status, html, _) = await ApprovalPageClient.GetAsync(server.Raw, link);

        Assert.Equal(HttpStatusCode.Gone, refused.Status);
        Assert.Contains("Gate closed", refused.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("was approved", html, StringComparison.Ordinal);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal(ApprovalChannel.Cli, decision.Channel);
    }

    [Fact]
    public async Task Post_LinkTheGateDoesNotAccept_403SayingWhyAndNothingRecorded()
    {
        await using var server = await StartAsync();
        var (id, link) = await ParkAsync(server, "oncall-gate");
        var (_, page, _) = await ApprovalPageClient.GetAsync(server.Raw, link);

        // The page says so and offers no form; a post built by hand is refused all the same.
        Assert.Contains("This link cannot decide this gate", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"csrf\"", page, StringComparison.Ordinal);
        var csrf = ApprovalPageClient.Csrf((await ApprovalPageClient.GetAsync(server.Raw, await IssueAsync(server, id, new LinkHolder("alice", "alice", ["oncall"])))).Html);
        var refused = await ApprovalPageClient.PostAsync(server.Raw, link, csrf, "approve", ApprovalPageClient.OriginOf(link));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        await AssertNothingRecordedAsync(server, id, link);
    }

    [Fact]
    public async Task Get_ServerWithTokens_ThePageNeedsNoBearerToken()
    {
        await using var server = await StartAsync(tokens: true);
        var token = HttpTestServer.AliceToken;
        var client = await server.ConnectAsync(token: token);
        var started = await client.CallOkAsync("execute_playbook", new { playbook_id = "linked", wait_seconds = 30 });
        var link = await IssueAsync(server, started.Str("execution_id"));

        var (status, _, _) = await ApprovalPageClient.GetAsync(server.Raw, link);
        using var mcp = await server.PostAsync(HttpTestServer.Initialize);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
    }

    [Fact]
    public async Task ApproveStep_AssistantAtAPersonsGate_RefusalPointsToThePageWithoutALink()
    {
        await using var server = await StartAsync();
        var client = await server.ConnectAsync();
        var state = await client.CallOkAsync("execute_playbook", new { playbook_id = "oncall-gate", wait_seconds = 30 });

        var refusal = await client.CallErrorAsync("approve_step", new { execution_id = state.Str("execution_id"), step_id = "risky", decision = "approve", approver = "oncall" });

        Assert.Contains("one-time link to the approval page", refusal, StringComparison.Ordinal);
        Assert.Contains("one-time link to the approval page", state.Str("note"), StringComparison.Ordinal);
        Assert.DoesNotContain("/approve/", refusal + state.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ManyUnknownLinksFromOneAddress_429ForUnknownOnesButARealLinkStillOpens()
    {
        await using var server = await StartAsync();
        var (_, link) = await ParkAsync(server);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Throttle.MaxFailures; i++)
        {
            statuses.Add((await ApprovalPageClient.GetAsync(server.Raw, new Uri(server.Host.BaseAddress, "approve/" + LinkTokens.New()))).Status);
        }

        var real = await ApprovalPageClient.GetAsync(server.Raw, link);

        Assert.All(statuses.Take(Throttle.MaxFailures), status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, real.Status);
    }

    internal static Task<HttpTestServer> StartAsync(bool tokens = false) => HttpTestServer.StartAsync(
        new Dictionary<string, string> { ["linked.yaml"] = LinkPlaybooks.Open, ["oncall.yaml"] = LinkPlaybooks.Oncall },
        tokens ? http => http with { Tokens = HttpTestServer.WithTokens } : null);

    /// <summary>Starts the playbook over MCP until it waits at its gate; a link (for nobody) to that gate.</summary>
    internal static async Task<(string Id, Uri Link)> ParkAsync(HttpTestServer server, string playbook = "linked")
    {
        var client = await server.ConnectAsync();
        var state = await client.CallOkAsync("execute_playbook", new { playbook_id = playbook, wait_seconds = 30 });
        Assert.Equal("waiting_approval", state.Str("status"));
        var id = state.Str("execution_id");
        return (id, await IssueAsync(server, id));
    }

    internal static async Task<Uri> IssueAsync(HttpTestServer server, string executionId, LinkHolder? holder = null)
    {
        var issued = await server.Engine.Links.IssueAsync(executionId, "risky", holder, "test", CancellationToken.None);
        return new Uri(server.Host.BaseAddress, "approve/" + issued.Token);
    }

    private static async Task AssertNothingRecordedAsync(HttpTestServer server, string id, Uri link)
    {
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        var record = await server.Engine.History.ApprovalLinks.GetAsync(LinkTokens.Hash(link.Segments[^1]), CancellationToken.None);
        Assert.Null(record!.UsedAt);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await server.Engine.GetStateAsync(id, CancellationToken.None))!.Status);
    }
}
