using System.Net;
using System.Text.Json;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Tests.Http;
using static McpPlaybooks.Server.Tests.Dashboard.GateDashboard;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>
/// The gate panel's data and its decisions over real HTTP: who sees buttons, who may decide (roles, the gate's approvers,
/// separate_approver, quorum), channel dashboard, the local user without tokens, stale pages, CSRF and unknown ids.
/// </summary>
public sealed class GateDecisionTests
{
    [Fact]
    public async Task Detail_WaitingGate_PanelShowsTheApprovalPagesFacts_ButtonsOnlyForApprovers()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "gated", Alice);
        using var alice = await OpenAsync(server, Alice, id);
        using var bob = await OpenAsync(server, Bob, id);
        using var olga = await OpenAsync(server, Olga, id);

        var forAlice = (await DetailAsync(alice, id)).GetProperty("actions");
        var forBob = (await DetailAsync(bob, id)).GetProperty("actions");
        var forOlga = (await DetailAsync(olga, id)).GetProperty("actions");

        var gate = Assert.Single(forAlice.GetProperty("gates").EnumerateArray());
        Assert.Equal("risky", gate.GetProperty("step_id").GetString());
        Assert.True(gate.GetProperty("may_decide").GetBoolean());
        var sheet = gate.GetProperty("sheet");
        Assert.Equal("Restart the service?", sheet.GetProperty("message").GetString());
        Assert.False(sheet.TryGetProperty("message_template", out _));
        var facts = Facts(sheet);
        Assert.Equal(["Execution", "Playbook", "Step", "Requested by", "Deadline", "Approvers", "Needs", "You decide as"], facts.Keys);
        Assert.Equal((id, "gated 1.0.0", "risky"), (facts["Execution"], facts["Playbook"], facts["Step"]));
        Assert.StartsWith("alice, at ", facts["Requested by"], StringComparison.Ordinal);
        Assert.EndsWith("then on_timeout: reject", facts["Deadline"], StringComparison.Ordinal);
        Assert.Equal(("anyone", "1 approval(s)", "alice (channel dashboard)"), (facts["Approvers"], facts["Needs"], facts["You decide as"]));
        Assert.Equal("log", sheet.GetProperty("plan").GetProperty("action").GetString());
        Assert.Contains("restarted", sheet.GetProperty("plan").GetProperty("arguments").GetString(), StringComparison.Ordinal);
        Assert.Empty(sheet.GetProperty("decisions").EnumerateArray());
        Assert.False(forAlice.TryGetProperty("decide_note", out _));
        foreach (var readOnly in new[] { forBob, forOlga })
        {
            var seen = Assert.Single(readOnly.GetProperty("gates").EnumerateArray());
            Assert.False(seen.GetProperty("may_decide").GetBoolean());
            Assert.DoesNotContain("You decide as", Facts(seen.GetProperty("sheet")).Keys);
            Assert.Contains("approver role", readOnly.GetProperty("decide_note").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Detail_GateWhoseMessageRendersAnInput_PanelShowsTheAuthorsWordsBesideTheRenderedMessage()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "templated", Alice);
        using var bob = await OpenAsync(server, Bob, id);

        var sheet = Assert.Single((await DetailAsync(bob, id)).GetProperty("actions").GetProperty("gates").EnumerateArray()).GetProperty("sheet");

        Assert.Equal("Restart checkout. Checked: safe, approve?", sheet.GetProperty("message").GetString());
        Assert.Equal("Restart {{ inputs.service }}?", sheet.GetProperty("message_template").GetString());
    }

    [Fact]
    public async Task Decide_ApproverWithCsrf_PassesTheGateAsChannelDashboardWithTheTokensIdentity()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "gated", Alice);
        using var dana = await OpenAsync(server, Dana, id);

        using var response = await DecideAsync(dana, id, "risky", "approve", "checked the graphs", gate: Gate(await DetailAsync(dana, id)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExecutionStatus.Completed, (await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal((ApprovalChannel.Dashboard, "dana", "dana", "checked the graphs"), (decision.Channel, decision.Approver, decision.Person, decision.Comment));
        var audit = Assert.Single(await server.Engine.History.GetAuditAsync(id + "/risky", CancellationToken.None), entry => entry.Action == "step_approved");
        Assert.Equal("dana", audit.Actor);
        Assert.Contains("\"channel\":\"dashboard\"", audit.DetailJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Bob)]
    [InlineData(Olga)]
    public async Task Decide_ViewerOrOperatorWithoutTheApproverRole_403NothingRecorded(string token)
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "gated", Alice);
        using var browser = await OpenAsync(server, token, id);

        using var response = await DecideAsync(browser, id, "risky", "approve");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("this needs approver", await MessageOf(response), StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal(ExecutionStatus.WaitingApproval, (await server.Engine.GetStateAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Decide_GateListsOnlySomeoneElse_403ByTheGatesRules_PanelSaysWhy_TheNamedPersonPasses()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "named", Olga);
        using var alice = await OpenAsync(server, Alice, id);
        using var dana = await OpenAsync(server, Dana, id);
        var panel = Assert.Single((await DetailAsync(alice, id)).GetProperty("actions").GetProperty("gates").EnumerateArray());

        using var refused = await DecideAsync(alice, id, "risky", "approve");
        var decisionsAfterRefusal = await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None);
        using var passed = await DecideAsync(dana, id, "risky", "approve");

        Assert.False(panel.GetProperty("may_decide").GetBoolean());
        Assert.Contains("alice is not an approver", panel.GetProperty("refusal").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("alice is not an approver of the gate of step 'risky': it accepts dana", await MessageOf(refused), StringComparison.Ordinal);
        Assert.Empty(decisionsAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal(ExecutionStatus.Completed, (await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Decide_SeparateApprover_WhoStartedItIsRefused_SomeoneElsePasses()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "separate", Alice);
        using var alice = await OpenAsync(server, Alice, id);
        using var dana = await OpenAsync(server, Dana, id);

        using var starter = await DecideAsync(alice, id, "risky", "approve");
        var afterStarter = await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None);
        using var other = await DecideAsync(dana, id, "risky", "approve");

        Assert.Equal(HttpStatusCode.Forbidden, starter.StatusCode);
        Assert.Contains("started this execution", await MessageOf(starter), StringComparison.Ordinal);
        Assert.Empty(afterStarter);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(ExecutionStatus.Completed, (await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Decide_Quorum_OneApprovalKeepsItWaiting_TheSamePersonAgainIs409_ASecondPersonPasses()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "quorum", Olga);
        using var alice = await OpenAsync(server, Alice, id);
        using var dana = await OpenAsync(server, Dana, id);

        using var first = await DecideAsync(alice, id, "risky", "approve");
        var afterFirst = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.Clone();
        using var again = await DecideAsync(alice, id, "risky", "approve");
        using var second = await DecideAsync(dana, id, "risky", "approve");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var panel = Assert.Single(afterFirst.GetProperty("actions").GetProperty("gates").EnumerateArray());
        var shown = Assert.Single(panel.GetProperty("sheet").GetProperty("decisions").EnumerateArray());
        Assert.Equal(("approve", "alice", "dashboard"), (shown.GetProperty("decision").GetString(), shown.GetProperty("who").GetString(), shown.GetProperty("channel").GetString()));
        Assert.False(panel.GetProperty("may_decide").GetBoolean());
        Assert.Contains("already approved", panel.GetProperty("refusal").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(ExecutionStatus.Completed, (await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
        Assert.Equal(["alice", "dana"], (await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None)).Select(d => d.Approver));
    }

    [Fact]
    public async Task Feed_ADecisionThatLeavesAQuorumGateWaiting_IsAChangeOfTheExecution()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "quorum", Olga);
        using var dana = await OpenAsync(server, Dana, id);
        using var events = await dana.EventsAsync();

        await server.Engine.DecideAsync(new ApprovalRequest { ExecutionId = id, StepId = "risky", Approve = true, By = ApproverIdentity.Token("alice", ["approver"]) }, CancellationToken.None);
        var row = await events.ExecutionAsync(id);

        Assert.Equal("waiting_approval", row.GetProperty("status").GetString());
        var panel = Assert.Single((await DetailAsync(dana, id)).GetProperty("actions").GetProperty("gates").EnumerateArray());
        Assert.Equal("alice", Assert.Single(panel.GetProperty("sheet").GetProperty("decisions").EnumerateArray()).GetProperty("who").GetString());
        Assert.True(panel.GetProperty("may_decide").GetBoolean());
    }

    [Fact]
    public async Task Decide_StalePage_GateDecidedElsewhere_409AndNothingChanges()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "gated", Alice);
        using var dana = await OpenAsync(server, Dana, id);
        var gate = Gate(await DetailAsync(dana, id));
        await server.Engine.DecideAsync(new ApprovalRequest { ExecutionId = id, StepId = "risky", Approve = false, By = ApproverIdentity.Cli("ops") }, CancellationToken.None);
        await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);

        using var stale = await DecideAsync(dana, id, "risky", "approve", gate: gate);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("no gate waiting", await MessageOf(stale), StringComparison.Ordinal);
        Assert.Equal(["cli:ops"], (await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None)).Select(d => d.Approver));
        Assert.Equal(ExecutionStatus.Failed, (await server.Engine.GetStateAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Decide_PageOlderThanTheGate_409AndNothingRecorded()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "gated", Alice);
        using var dana = await OpenAsync(server, Dana, id);

        using var stale = await DecideAsync(dana, id, "risky", "approve", gate: "638000000000000000");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("reached again", await MessageOf(stale), StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("forged")]
    public async Task Decide_MissingOrForgedCsrf_403NothingRecorded(string csrf)
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "gated", Alice);
        using var dana = await OpenAsync(server, Dana, id);

        using var response = await DecideAsync(dana, id, "risky", "approve", csrf: csrf);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("CSRF", await MessageOf(response), StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Decide_UnknownExecutionOrStep_404_BadDecision_400()
    {
        await using var server = await StartWithTokensAsync();
        var id = await StartAsync(server, "gated", Alice);
        using var dana = await OpenAsync(server, Dana, id);

        using var noExecution = await DecideAsync(dana, "ex-nope", "risky", "approve");
        using var noStep = await DecideAsync(dana, id, "nope", "approve");
        using var notAGate = await DecideAsync(dana, id, "before", "approve");
        using var bad = await DecideAsync(dana, id, "risky", "maybe");

        Assert.Equal(HttpStatusCode.NotFound, noExecution.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noStep.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notAGate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Decide_LoopbackWithoutTokens_RecordedAsTheLocalUserOnChannelDashboard()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        var id = await StartAsync(server, "gated");
        using var local = await OpenAsync(server, token: null, id);
        var panel = Assert.Single((await DetailAsync(local, id)).GetProperty("actions").GetProperty("gates").EnumerateArray());

        using var response = await DecideAsync(local, id, "risky", "approve");

        Assert.Equal($"local:{Environment.UserName} (channel dashboard)", Facts(panel.GetProperty("sheet"))["You decide as"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal((ApprovalChannel.Dashboard, $"local:{Environment.UserName}"), (decision.Channel, decision.Approver));
        Assert.Equal(ExecutionStatus.Completed, (await server.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Decide_LoopbackWithoutTokens_GateNamingAPerson_RefusedForTheUnmappedLocalUser()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks());
        var id = await StartAsync(server, "named");
        using var local = await OpenAsync(server, token: null, id);

        using var response = await DecideAsync(local, id, "risky", "approve");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"local:{Environment.UserName} is not an approver", await MessageOf(response), StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    private static string Gate(JsonElement detail) =>
        Assert.Single(detail.GetProperty("actions").GetProperty("gates").EnumerateArray()).GetProperty("gate").GetString()!;

    private static Dictionary<string, string> Facts(JsonElement sheet) =>
        sheet.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString()!);
}
