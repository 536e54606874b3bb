using System.Net;
using System.Text.Json;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>The one-execution page's data and controls over HTTP: steps and their needs, roles, CSRF, stale and unknown input.</summary>
public sealed class ExecutionControlTests
{
    [Fact]
    public async Task Detail_GatedExecution_StepsWithTheirNeeds_ControlsOnlyForOperators()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartGatedAsync(server);
        using var alice = await LoggedInAsync(server, HttpTestServer.AliceToken);
        using var bob = await LoggedInAsync(server, HttpTestServer.BobToken);

        var forAlice = await DetailAsync(alice, id);
        var forBob = await DetailAsync(bob, id);

        var steps = forAlice.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["before", "risky"], steps.Select(step => step.GetProperty("id").GetString()));
        Assert.Equal(["before"], steps[1].GetProperty("needs").EnumerateArray().Select(need => need.GetString()));
        Assert.Equal("completed", steps[0].GetProperty("status").GetString());
        Assert.Equal("waiting_approval", steps[1].GetProperty("status").GetString());
        Assert.Equal("log", steps[1].GetProperty("action").GetString());
        Assert.True(forAlice.GetProperty("has_graph").GetBoolean());
        Assert.Equal(["pause", "cancel"], forAlice.GetProperty("controls").EnumerateArray().Select(c => c.GetString()));
        Assert.Empty(forBob.GetProperty("controls").EnumerateArray());
    }

    [Fact]
    public async Task Control_OperatorWithCsrf_CancelsRecordedAsTheTokensIdentity()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartGatedAsync(server);
        using var alice = await LoggedInAsync(server, HttpTestServer.AliceToken);
        await alice.PageAsync("/ui/executions/" + id);

        using var response = await ControlAsync(alice, id, "cancel", alice.Csrf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(ExecutionStatus.Cancelled, state.Status);
        var audit = await server.Engine.History.GetAuditAsync(id, CancellationToken.None);
        Assert.Contains(audit, entry => entry.Actor == "alice" && entry.Action.Contains("cancel", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("forged")]
    public async Task Control_MissingOrForgedCsrf_403AndNothingChanges(string? csrf)
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartGatedAsync(server);
        using var alice = await LoggedInAsync(server, HttpTestServer.AliceToken);
        await alice.PageAsync("/ui/executions/" + id);

        using var response = await ControlAsync(alice, id, "cancel", csrf);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await server.Engine.History.GetExecutionAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Control_Viewer_403NamingOperator()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartGatedAsync(server);
        using var bob = await LoggedInAsync(server, HttpTestServer.BobToken);
        await bob.PageAsync("/ui/executions/" + id);

        using var response = await ControlAsync(bob, id, "cancel", bob.Csrf);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("this needs operator", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await server.Engine.History.GetExecutionAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Control_StalePage_ActionTheStateNoLongerAllows_409WithTheReason()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartGatedAsync(server);
        using var alice = await LoggedInAsync(server, HttpTestServer.AliceToken);
        await alice.PageAsync("/ui/executions/" + id);
        (await ControlAsync(alice, id, "cancel", alice.Csrf)).Dispose();
        await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);

        using var again = await ControlAsync(alice, id, "pause", alice.Csrf);
        using var unknownAction = await ControlAsync(alice, id, "explode", alice.Csrf);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("cancelled", Message(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownAction.StatusCode);
        Assert.Equal(ExecutionStatus.Cancelled, (await server.Engine.History.GetExecutionAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task UnknownExecution_404PageAnd404Json()
    {
        await using var server = await StartWithTokensAsync();
        using var alice = await LoggedInAsync(server, HttpTestServer.AliceToken);

        var (status, html) = await alice.PageAsync("/ui/executions/ex-nope");
        using var api = await alice.Http.GetAsync("/ui/api/executions/ex-nope");
        using var control = await ControlAsync(alice, "ex-nope", "cancel", alice.Csrf);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No execution", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, control.StatusCode);
    }

    private static Task<HttpTestServer> StartWithTokensAsync() =>
        HttpTestServer.StartAsync(ExecutionListTests.Playbooks(), http => http with { Tokens = HttpTestServer.WithTokens });

    private static async Task<string> StartGatedAsync(HttpTestServer server)
    {
        var mcp = await server.ConnectAsync(token: HttpTestServer.AliceToken);
        var id = (await mcp.CallOkAsync("execute_playbook", new { playbook_id = "gated" })).Str("execution_id");
        await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        return id;
    }

    private static async Task<DashboardClient> LoggedInAsync(HttpTestServer server, string token)
    {
        var browser = new DashboardClient(server.Host.BaseAddress);
        (await browser.LogInAsync(token)).Dispose();
        return browser;
    }

    private static async Task<JsonElement> DetailAsync(DashboardClient browser, string id)
    {
        using var response = await browser.Http.GetAsync("/ui/api/executions/" + id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> ControlAsync(DashboardClient browser, string id, string action, string? csrf)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/ui/api/executions/{id}/control")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = action }),
        };
        if (csrf is not null)
        {
            request.Headers.Add(DashboardCsrf.Header, csrf);
        }

        return browser.Http.SendAsync(request);
    }

    private static string Message(string json) => JsonDocument.Parse(json).RootElement.GetProperty("message").GetString()!;
}
