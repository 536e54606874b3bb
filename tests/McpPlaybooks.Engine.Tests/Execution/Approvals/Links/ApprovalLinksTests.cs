using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Approvals.Links;

/// <summary>One-time links through a real engine: issue, look up, redeem once (also concurrently), closed gates, refused identities.</summary>
public sealed class ApprovalLinksTests
{
    private const string OpenGate = """
        id: linked
        name: Linked
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Restart {{ inputs.service }}?" }
            action: set
            with: { target: "{{ inputs.service }}" }
        inputs:
          service: { type: string, default: checkout }
        """;

    [Fact]
    public async Task IssueAsync_OpenGate_StoresOnlyTheHashAndLooksUpOpenWithThePlan()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(OpenGate);

        var link = await harness.Engine.Links.IssueAsync(parked.ExecutionId, "risky", holder: null, "server", default);
        var lookup = await harness.Engine.Links.LookupAsync(link.Token, default);

        Assert.Equal(LinkTokens.Length, link.Token.Length);
        Assert.True(LinkTokens.IsWellFormed(link.Token));
        Assert.Equal(LinkStatus.Open, lookup.Status);
        Assert.Equal("Restart checkout?", lookup.Gate!.Message);
        Assert.Equal("link", lookup.Decider!.Identity);
        Assert.Null(lookup.Refusal);
        Assert.Contains("checkout", lookup.Plan!.Arguments.ToJson(), StringComparison.Ordinal);
        await StoredContent.AssertNoneOfAsync(harness.Directory, harness.Location, [link.Token]);
    }

    [Fact]
    public async Task RedeemAsync_Approve_PassesTheGateAsChannelLinkOnce()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(OpenGate);
        var link = await harness.Engine.Links.IssueAsync(parked.ExecutionId, "risky", holder: null, "server", default);

        var first = await harness.Engine.Links.RedeemAsync(link.Token, approve: true, "looks fine", default);
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);
        var again = await harness.Engine.Links.RedeemAsync(link.Token, approve: false, null, default);

        Assert.True(first.Decided);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var decision = Assert.Single(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
        Assert.Equal(ApprovalChannel.Link, decision.Channel);
        Assert.Equal("link", decision.Approver);
        Assert.Equal("looks fine", decision.Comment);
        Assert.False(again.Decided);
        Assert.Equal(LinkStatus.Used, again.Status);
        var audit = await harness.Engine.History.GetAuditAsync($"{parked.ExecutionId}/risky", default);
        Assert.Contains(audit, a => a.Action == "step_approved" && a.DetailJson!.Contains("\"channel\":\"link\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedeemAsync_TwoAtOnce_ExactlyOneDecides()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync("""
            id: quorum-link
            name: Quorum link
            version: 1.0.0
            steps:
              - id: risky
                approval: { approvers: [alice, bob], min_approvals: 2 }
                action: set
                with: { done: true }
            """);
        var link = await harness.Engine.Links.IssueAsync(parked.ExecutionId, "risky", new LinkHolder("alice", "alice"), "cli:alice", default);

        var both = await Task.WhenAll(
            Task.Run(() => harness.Engine.Links.RedeemAsync(link.Token, approve: true, null, default)),
            Task.Run(() => harness.Engine.Links.RedeemAsync(link.Token, approve: true, null, default)));

        Assert.Single(both, r => r.Decided);
        Assert.Single(both, r => !r.Decided && r.Status == LinkStatus.Used);
        Assert.Single(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
    }

    [Fact]
    public async Task RedeemAsync_TwoStoresOnOneFile_ExactlyOneUsesTheLink()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(OpenGate);
        var link = await harness.Engine.Links.IssueAsync(parked.ExecutionId, "risky", holder: null, "server", default);
        await using var other = await McpPlaybooks.Engine.History.HistoryStore.OpenAsync(harness.Location, TimeProvider.System, null, killAfterCommits: null, checkBeside: false, default);
        var hash = LinkTokens.Hash(link.Token);

        var wins = await Task.WhenAll(
            harness.Engine.History.ApprovalLinks.TryUseAsync(hash, "approve", DateTimeOffset.UtcNow),
            other.ApprovalLinks.TryUseAsync(hash, "reject", DateTimeOffset.UtcNow));

        Assert.Single(wins, won => won);
    }

    [Fact]
    public async Task RedeemAsync_GateClosedByAnotherDecision_IsClosedAndRecordsNothing()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(OpenGate);
        var link = await harness.Engine.Links.IssueAsync(parked.ExecutionId, "risky", holder: null, "server", default);
        await harness.Engine.DecideAsync(new ApprovalRequest { ExecutionId = parked.ExecutionId, StepId = "risky", Approve = true, By = TestApprovers.Person("cli:alice") }, default);
        await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        var lookup = await harness.Engine.Links.LookupAsync(link.Token, default);
        var redeemed = await harness.Engine.Links.RedeemAsync(link.Token, approve: false, null, default);

        Assert.Equal(LinkStatus.Closed, lookup.Status);
        Assert.Contains("was approved", lookup.Reason, StringComparison.Ordinal);
        Assert.False(redeemed.Decided);
        Assert.Equal(LinkStatus.Closed, redeemed.Status);
        Assert.Single(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
        Assert.Null((await harness.Engine.History.ApprovalLinks.GetAsync(LinkTokens.Hash(link.Token), default))!.UsedAt);
    }

    [Fact]
    public async Task RedeemAsync_IdentityTheGateRefuses_RecordsNothingAndLeavesTheLinkUnused()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync("""
            id: oncall-only
            name: Oncall only
            version: 1.0.0
            steps:
              - id: risky
                approval: { approvers: [oncall] }
                action: set
                with: { done: true }
            """);
        var anonymous = await harness.Engine.Links.IssueAsync(parked.ExecutionId, "risky", holder: null, "server", default);
        var oncall = await harness.Engine.Links.IssueAsync(parked.ExecutionId, "risky", new LinkHolder("cli:bob", "alice", ["oncall"]), "cli:bob", default);

        var lookup = await harness.Engine.Links.LookupAsync(anonymous.Token, default);
        var refused = await harness.Engine.Links.RedeemAsync(anonymous.Token, approve: true, null, default);

        Assert.Contains("not an approver", lookup.Refusal, StringComparison.Ordinal);
        Assert.False(refused.Decided);
        Assert.Contains("link is not an approver", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
        Assert.Null((await harness.Engine.History.ApprovalLinks.GetAsync(LinkTokens.Hash(anonymous.Token), default))!.UsedAt);

        var passed = await harness.Engine.Links.RedeemAsync(oncall.Token, approve: true, null, default);
        Assert.True(passed.Decided);
        var decision = Assert.Single(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
        Assert.Equal(("cli:bob", "alice", ApprovalChannel.Link), (decision.Approver, decision.Person, decision.Channel));
    }

    [Fact]
    public async Task LookupAsync_StepReachesItsGateAgain_TheEarlierGatesLinkIsClosed()
    {
        await using var harness = await StartAsync();
        var parked = await harness.Engine.StartAsync(Flow.Request(OpenGate), null, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);
        var first = await harness.Engine.Links.IssueAsync(parked.ExecutionId, "risky", holder: null, "server", default);
        await harness.Engine.DecideAsync(new ApprovalRequest { ExecutionId = parked.ExecutionId, StepId = "risky", Approve = false, By = TestApprovers.Person("cli:alice") }, default);
        Assert.Equal(ExecutionStatus.Failed, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);

        await harness.Engine.ControlAsync(new ControlRequest { ExecutionId = parked.ExecutionId, Action = ControlAction.RetryStep, StepId = "risky", RequestedBy = "test" }, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);
        var second = await harness.Engine.Links.IssueAsync(parked.ExecutionId, "risky", holder: null, "server", default);

        var old = await harness.Engine.Links.LookupAsync(first.Token, default);
        Assert.Equal(LinkStatus.Closed, old.Status);
        Assert.Contains("reached its gate again", old.Reason, StringComparison.Ordinal);
        Assert.False((await harness.Engine.Links.RedeemAsync(first.Token, approve: true, null, default)).Decided);
        Assert.Equal(LinkStatus.Open, (await harness.Engine.Links.LookupAsync(second.Token, default)).Status);
        Assert.True((await harness.Engine.Links.RedeemAsync(second.Token, approve: true, null, default)).Decided);
    }

    [Fact]
    public async Task LookupAsync_UnknownOrMalformedToken_IsUnknown()
    {
        await using var harness = await StartAsync();

        Assert.Equal(LinkStatus.Unknown, (await harness.Engine.Links.LookupAsync(LinkTokens.New(), default)).Status);
        Assert.Equal(LinkStatus.Unknown, (await harness.Engine.Links.LookupAsync("../../etc/passwd", default)).Status);
        Assert.Equal(LinkStatus.Unknown, (await harness.Engine.Links.LookupAsync(null, default)).Status);
    }

    [Fact]
    public async Task IssueAsync_NoGateWaiting_IsRefused()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(OpenGate);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.Links.IssueAsync(parked.ExecutionId, "other", null, "server", default));

        Assert.Equal(RefusalKind.NoPendingGate, refusal.Kind);
        Assert.Contains("it waits at risky", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnGateOpened_GateWithNotify_HearsTheRenderedNotice()
    {
        await using var harness = await StartAsync();
        var heard = new TaskCompletionSource<GateOpening>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = FirstOpening(harness, heard);

        await harness.RunAsync("""
            id: notified
            name: Notified
            version: 1.0.0
            steps:
              - id: risky
                approval:
                  notify: { webhook: "http://127.0.0.1:9/{{ inputs.service }}", text: "Restart {{ inputs.service }}?", format: generic }
                action: set
                with: { done: true }
            inputs:
              service: { type: string, default: checkout }
            """);
        var opening = await heard.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(("risky", "notified"), (opening.StepId, opening.PlaybookId));
        Assert.Equal(new GateNotice("http://127.0.0.1:9/checkout", "generic", "Restart checkout?"), opening.Notice);
    }

    [Fact]
    public async Task OnGateOpened_NoticeTextReadingSecrets_IsMaskedButTheWebhookIsNot()
    {
        // The text is what people in the channel read (it was posted with the secret in it); the webhook is where it goes.
        await using var harness = await StartAsync(environment: new System.Collections.Hashtable { ["PLAYBOOK_SECRET_HOOK"] = "hook-path-secret", ["PLAYBOOK_SECRET_DB"] = "db-password-secret" });
        var heard = new TaskCompletionSource<GateOpening>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = FirstOpening(harness, heard);

        await harness.RunAsync("""
            id: notified-secretly
            name: Notified secretly
            version: 1.0.0
            inputs:
              token: { type: string, secret: true, default: input-secret-value }
            steps:
              - id: risky
                approval:
                  notify: { webhook: "http://127.0.0.1:9/{{ secrets.HOOK }}", text: "db {{ secrets.DB }}, token {{ inputs.token }}", format: generic }
                action: set
                with: { done: true }
            """);
        var opening = await heard.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new GateNotice("http://127.0.0.1:9/hook-path-secret", "generic", "db ***, token ***"), opening.Notice);
    }

    /// <summary>Hears the first gate that opens (with its notice) into <paramref name="heard"/>.</summary>
    private static IDisposable FirstOpening(EngineHarness harness, TaskCompletionSource<GateOpening> heard) =>
        harness.Engine.Links.OnGateOpened(opening =>
        {
            heard.TrySetResult(opening);
            return Task.CompletedTask;
        });
}
