using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.Approvals.TestApprovers;

namespace McpPlaybooks.Engine.Tests.Execution.Approvals;

public sealed class ApprovalRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("alice", "alice", true)]
    [InlineData("cli:alice", "alice", true)]
    [InlineData("CLI:Alice", "alice", true)]
    [InlineData("cli:alice", "cli:alice", true)]
    [InlineData("cli:alice", "CLI:ALICE", true)]
    [InlineData("token:bob", "alice", false)]
    [InlineData("cli:alice", "token:alice", false)]
    [InlineData("cli:alicea", "alice", false)]
    [InlineData("cli:alice", "", false)]
    public void Matches_AVerifiedPerson_ByIdentityOrName(string identity, string listed, bool expected)
    {
        Assert.Equal(expected, ApprovalRules.Matches(Person(identity), listed, acceptAssistant: false));
    }

    [Fact]
    public void Matches_AnUnmappedCliUser_OnlyByTheWholeIdentity()
    {
        var bob = ApproverIdentity.Cli("bob");

        Assert.True(ApprovalRules.Matches(bob, "cli:bob", acceptAssistant: false));
        Assert.False(ApprovalRules.Matches(bob, "bob", acceptAssistant: false));
    }

    [Theory]
    [InlineData("oncall", true)]
    [InlineData("role:oncall", true)]
    [InlineData("ROLE:OnCall", true)]
    [InlineData("sre-leads", false)]
    [InlineData("role:sre-leads", false)]
    public void Matches_ByVerifiedRole(string listed, bool expected)
    {
        Assert.Equal(expected, ApprovalRules.Matches(ApproverIdentity.Token("carol", ["approver", "OnCall"]), listed, acceptAssistant: false));
    }

    [Theory]
    [InlineData("oncall")]
    [InlineData("alice")]
    [InlineData("assistant:test-client")]
    [InlineData("test-client")]
    public void Matches_AnAssistant_NeverByAClaimedNameOrRole(string listed)
    {
        var claiming = Assistant(claimed: listed, "oncall");

        Assert.False(ApprovalRules.Matches(claiming, listed, acceptAssistant: false));
    }

    [Fact]
    public void Matches_TheAssistantEntry_TheAssistantAndAnyPerson()
    {
        Assert.True(ApprovalRules.Matches(Assistant(), "assistant", acceptAssistant: false));
        Assert.True(ApprovalRules.Matches(Person("cli:alice"), "Assistant", acceptAssistant: false));
    }

    [Fact]
    public void Matches_WhenTheServerAcceptsAssistants_TheClaimedNameAndConfiguredRoles()
    {
        Assert.True(ApprovalRules.Matches(Assistant("alice"), "alice", acceptAssistant: true));
        Assert.True(ApprovalRules.Matches(Assistant(null, "oncall"), "oncall", acceptAssistant: true));
        Assert.False(ApprovalRules.Matches(Assistant("alice"), "bob", acceptAssistant: true));
    }

    [Fact]
    public void Refuse_AnAssistantOnAGateThatNamesPeople_WithoutSuggestingANameOrRole()
    {
        var gate = Gate(1) with { Approvers = ["oncall", "platform-leads"] };

        foreach (var claimed in new[] { "oncall", "platform-leads", "alice", null })
        {
            var refusal = ApprovalRules.Refuse(gate, Assistant(claimed, "oncall"), "cli:zed", acceptAssistant: false);

            Assert.NotNull(refusal);
            Assert.Equal(RefusalKind.ApproverUnverified, refusal.Kind);
            Assert.DoesNotContain("oncall", refusal.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("platform-leads", refusal.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("role", refusal.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Refuse_AnAssistantOnAGateWithNoList_IsRefusedToo()
    {
        var refusal = ApprovalRules.Refuse(Gate(1), Assistant(), "cli:zed", acceptAssistant: false);

        Assert.Equal(RefusalKind.ApproverUnverified, refusal?.Kind);
        Assert.Equal(
            "assistant:test-client has no verified identity, and the gate of step 'restart' counts only a decision a person makes: "
                + "nothing a caller says about itself makes it one.",
            refusal?.Message);
    }

    [Fact]
    public void Refuse_AnAssistantOnAGateThatListsAssistant_IsAllowed()
    {
        var gate = Gate(1) with { Approvers = ["oncall", "assistant"] };

        Assert.Null(ApprovalRules.Refuse(gate, Assistant(), "cli:zed", acceptAssistant: false));
    }

    [Fact]
    public void Refuse_WhenTheServerAcceptsAssistants_TheClaimedNameMustStillBeListed()
    {
        var gate = Gate(1) with { Approvers = ["oncall"] };

        Assert.Null(ApprovalRules.Refuse(gate, Assistant("oncall"), "cli:zed", acceptAssistant: true));
        var refusal = ApprovalRules.Refuse(gate, Assistant("mallory"), "cli:zed", acceptAssistant: true);
        Assert.Equal(RefusalKind.ApproverNotAllowed, refusal?.Kind);
        Assert.Equal("assistant:test-client is not an approver of the gate of step 'restart'.", refusal?.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Refuse_AnAssistantOnASeparateApproverGate_IsAlwaysRefused(bool acceptAssistant)
    {
        var gate = Gate(1) with { Approvers = ["assistant", "alice"], SeparateApprover = true };

        var refusal = ApprovalRules.Refuse(gate, Assistant("alice"), "cli:zed", acceptAssistant);

        Assert.Equal(RefusalKind.ApproverUnverified, refusal?.Kind);
        Assert.Contains("needs a separate approver, and an assistant cannot be told apart", refusal?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_OnTheListByIdentityOrRole_IsAllowed()
    {
        var gate = Gate(1) with { Approvers = ["alice", "oncall"] };

        Assert.Null(ApprovalRules.Refuse(gate, Person("cli:alice"), "cli:zed", acceptAssistant: false));
        Assert.Null(ApprovalRules.Refuse(gate, ApproverIdentity.Token("dave", ["oncall"]), "cli:zed", acceptAssistant: false));
    }

    [Fact]
    public void Refuse_EmptyList_AllowsAnyPerson()
    {
        Assert.Null(ApprovalRules.Refuse(Gate(1), ApproverIdentity.Token("anyone", []), "cli:zed", acceptAssistant: false));
        Assert.Null(ApprovalRules.Refuse(Gate(1), ApproverIdentity.Cli("zoe"), "cli:zed", acceptAssistant: false));
    }

    [Fact]
    public void Refuse_APersonNotOnTheList_IsToldWhoTheGateAccepts()
    {
        var gate = Gate(1) with { Approvers = ["oncall", "sre-leads"] };

        var refusal = ApprovalRules.Refuse(gate, ApproverIdentity.Token("mallory", ["viewer"]), "cli:zed", acceptAssistant: false);

        Assert.Equal(RefusalKind.ApproverNotAllowed, refusal?.Kind);
        Assert.Equal("mallory is not an approver of the gate of step 'restart': it accepts oncall, sre-leads.", refusal?.Message);
    }

    [Fact]
    public void Refuse_StartGate_IsNamedAsSuch()
    {
        var gate = Gate(1) with { StepId = ApprovalGates.StartGateId, Approvers = ["oncall"] };

        var refusal = ApprovalRules.Refuse(gate, Person("cli:zed"), "cli:zed", acceptAssistant: false);

        Assert.Contains("the start gate (safety.require_approval)", refusal?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cli:alice")]
    [InlineData("token:alice")]
    [InlineData("ALICE")]
    public void Refuse_StarterOfASeparateApproverGate_IsRefused(string approver)
    {
        var gate = Gate(1) with { Approvers = ["alice", "bob"], SeparateApprover = true };

        var refusal = ApprovalRules.Refuse(gate, Person(approver), "cli:alice", acceptAssistant: false);

        Assert.Equal(RefusalKind.ApproverNotAllowed, refusal?.Kind);
        Assert.StartsWith($"{approver} started this execution (as cli:alice) and the gate of step 'restart' needs a separate approver", refusal?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_StarterWithoutSeparateApprover_IsAllowed()
    {
        var gate = Gate(1) with { Approvers = ["alice"] };

        Assert.Null(ApprovalRules.Refuse(gate, Person("cli:alice"), "cli:alice", acceptAssistant: false));
    }

    [Fact]
    public void Refuse_SomeoneElseOnASeparateApproverGate_IsAllowed()
    {
        var gate = Gate(1) with { Approvers = ["oncall"], SeparateApprover = true };

        Assert.Null(ApprovalRules.Refuse(gate, ApproverIdentity.Token("bob", ["oncall"]), "cli:alice", acceptAssistant: false));
    }

    [Fact]
    public void Refuse_AlreadyDecided_SaysWhenAndTheCount()
    {
        var gate = Gate(2, Yes("cli:alice", "alice")) with { Approvers = ["alice", "bob"] };

        var refusal = ApprovalRules.Refuse(gate, ApproverIdentity.Token("alice", []), "cli:zed", acceptAssistant: false);

        Assert.Equal(RefusalKind.AlreadyDecided, refusal?.Kind);
        Assert.Equal(
            "alice already approved the gate of step 'restart' (as cli:alice, at 2026-01-01T03:00:00Z); each person decides once. "
                + "Now: 1 of 2 approvals (cli:alice); waiting for 1 more from alice, bob.",
            refusal?.Message);
    }

    [Fact]
    public void Refuse_TheAssistantTwice_ClaimingAnotherName_IsAlreadyDecided()
    {
        var gate = Gate(2, new ApprovalDecision("assistant:test-client", true, At, null, ApprovalChannel.Assistant, Claimed: "alice")) with { Approvers = ["assistant"] };

        var refusal = ApprovalRules.Refuse(gate, Assistant("bob"), "cli:zed", acceptAssistant: true);

        Assert.Equal(RefusalKind.AlreadyDecided, refusal?.Kind);
    }

    [Fact]
    public void Outcome_NoDecision_IsPending()
    {
        Assert.Equal(ApprovalOutcome.Pending, ApprovalRules.Outcome(Gate(2)));
    }

    [Fact]
    public void Outcome_QuorumOfDistinctPeople_IsApproved()
    {
        Assert.Equal(ApprovalOutcome.Pending, ApprovalRules.Outcome(Gate(2, Yes("cli:alice"))));
        Assert.Equal(ApprovalOutcome.Approved, ApprovalRules.Outcome(Gate(2, Yes("cli:alice"), Yes("token:bob"))));
        Assert.Equal(ApprovalOutcome.Approved, ApprovalRules.Outcome(Gate(1, Yes("cli:alice"))));
    }

    [Fact]
    public void Outcome_SamePersonTwice_CountsOnce()
    {
        Assert.Equal(ApprovalOutcome.Pending, ApprovalRules.Outcome(Gate(2, Yes("cli:alice"), Yes("ALICE"))));
        Assert.Equal(ApprovalOutcome.Pending, ApprovalRules.Outcome(Gate(2, Yes("cli:alice"), Yes("token:alice"))));
        Assert.Equal(ApprovalOutcome.Pending, ApprovalRules.Outcome(Gate(2, Yes("cli:bob", "alice"), Yes("token:alice", "alice"))));
    }

    [Fact]
    public void Outcome_OneAccountUnderTwoMappedNames_CountsOnce()
    {
        // The CLI's name mapping comes from the caller's own environment: one OS account could be anyone.
        Assert.Equal(ApprovalOutcome.Pending, ApprovalRules.Outcome(Gate(2, Yes("cli:root", "alice"), Yes("cli:root", "carol"))));
        Assert.Equal(ApprovalOutcome.Approved, ApprovalRules.Outcome(Gate(2, Yes("cli:root", "alice"), Yes("cli:root", "carol"), Yes("token:carol", "carol"))));
    }

    [Fact]
    public void Refuse_OneAccountUnderAnotherMappedName_IsAlreadyDecided()
    {
        var gate = Gate(2, Yes("cli:root", "alice"));

        var refusal = ApprovalRules.Refuse(gate, ApproverIdentity.Cli("root", "carol"), "cli:zed", acceptAssistant: false);

        Assert.Equal(RefusalKind.AlreadyDecided, refusal?.Kind);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void Refuse_ALinkIssuedForNobody_OnAGateThatMustTellPeopleApart(int minApprovals, bool separate)
    {
        var gate = Gate(minApprovals) with { SeparateApprover = separate };

        var refusal = ApprovalRules.Refuse(gate, ApproverIdentity.Link(null), "token:alice", acceptAssistant: false);

        Assert.Equal(RefusalKind.ApproverNotAllowed, refusal?.Kind);
        Assert.StartsWith("a link issued for nobody does not say who holds it, and the gate of step 'restart' needs ", refusal?.Message, StringComparison.Ordinal);
        Assert.Null(ApprovalRules.Refuse(Gate(1), ApproverIdentity.Link(null), "token:alice", acceptAssistant: false));
        Assert.Null(ApprovalRules.Refuse(gate, ApproverIdentity.Link("bob", "bob"), "token:alice", acceptAssistant: false));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(1, true)]
    public void Refuse_AChatAnswerWithNoKnownPerson_OnAGateThatMustTellPeopleApart(int minApprovals, bool separate)
    {
        // With no token and no chat user, the chat's identity is the client's own name: the same person answering from a
        // client that calls itself something else was a second person toward a quorum, and someone other than a starter.
        var gate = Gate(minApprovals, Yes("cli:alice")) with { SeparateApprover = separate };
        var unnamed = new ApproverIdentity { Channel = ApprovalChannel.Chat, Identity = "chat:other-client" };

        var refusal = ApprovalRules.Refuse(gate, unnamed, "cli:alice", acceptAssistant: false);

        Assert.Equal(RefusalKind.ApproverNotAllowed, refusal?.Kind);
        Assert.StartsWith("an answer in a chat with no known person (chat:other-client: ", refusal?.Message, StringComparison.Ordinal);
        Assert.Null(ApprovalRules.Refuse(Gate(1), unnamed, "cli:alice", acceptAssistant: false));
        Assert.Null(ApprovalRules.Refuse(gate, new ApproverIdentity { Channel = ApprovalChannel.Chat, Identity = "bob", Name = "bob" }, "cli:alice", acceptAssistant: false));
    }

    [Fact]
    public void Refuse_TheChatUserOnASeparateApproverGateStartedThroughAnUnverifiedClient_IsRefused()
    {
        // Over stdio with a chat user configured, the person in the chat had the model start the run (mcp:client).
        var gate = Gate(1) with { SeparateApprover = true };
        var chat = new ApproverIdentity { Channel = ApprovalChannel.Chat, Identity = "alice", Name = "alice" };

        var refusal = ApprovalRules.Refuse(gate, chat, "mcp:claude-desktop", acceptAssistant: false);

        Assert.Equal(RefusalKind.ApproverNotAllowed, refusal?.Kind);
        Assert.Contains("started through an MCP client with no verified identity (mcp:claude-desktop)", refusal?.Message, StringComparison.Ordinal);
        Assert.Null(ApprovalRules.Refuse(gate, chat, "token:bob", acceptAssistant: false));
        Assert.Null(ApprovalRules.Refuse(gate, ApproverIdentity.Cli("carol", "carol"), "mcp:claude-desktop", acceptAssistant: false));
    }

    [Fact]
    public void Outcome_AssistantDecisions_CountAsOneParty_WhateverTheyClaimed()
    {
        var first = new ApprovalDecision("assistant:a", true, At, null, ApprovalChannel.Assistant, Claimed: "alice");
        var second = new ApprovalDecision("assistant:b", true, At, null, ApprovalChannel.Assistant, Claimed: "bob");

        Assert.Equal(ApprovalOutcome.Pending, ApprovalRules.Outcome(Gate(2, first, second)));
        Assert.Equal(ApprovalOutcome.Approved, ApprovalRules.Outcome(Gate(2, first, Yes("cli:carol"))));
    }

    [Fact]
    public void Outcome_AnyRejection_IsRejectedEvenAfterAQuorum()
    {
        Assert.Equal(ApprovalOutcome.Rejected, ApprovalRules.Outcome(Gate(1, No("cli:alice"))));
        Assert.Equal(ApprovalOutcome.Rejected, ApprovalRules.Outcome(Gate(2, Yes("cli:alice"), Yes("cli:bob"), No("cli:carol"))));
    }

    [Fact]
    public void Progress_PartialQuorum_SaysWhoAndHowManyMore()
    {
        var gate = Gate(2, Yes("alice")) with { Approvers = ["oncall", "sre-leads"] };

        Assert.Equal("1 of 2 approvals (alice); waiting for 1 more from oncall, sre-leads", ApprovalRules.Progress(gate));
    }

    [Fact]
    public void Progress_NoDecisionAndNoList_WaitsForAnyone()
    {
        Assert.Equal("0 of 1 approvals; waiting for 1 more from anyone", ApprovalRules.Progress(Gate(1)));
    }

    [Fact]
    public void Progress_Approved_SaysSo()
    {
        Assert.Equal("2 of 2 approvals (cli:alice, cli:bob): approved", ApprovalRules.Progress(Gate(2, Yes("cli:alice"), Yes("cli:bob"))));
    }

    [Fact]
    public void Progress_Rejected_NamesWhoAndWhy()
    {
        var gate = Gate(2, Yes("cli:alice"), new ApprovalDecision("cli:bob", false, At, "not during peak"));

        Assert.Equal("rejected by cli:bob (\"not during peak\")", ApprovalRules.Progress(gate));
    }

    private static PendingApproval Gate(int minApprovals, params ApprovalDecision[] decisions) => new()
    {
        StepId = "restart",
        Message = "Restart it?",
        MinApprovals = minApprovals,
        Decisions = decisions,
    };

    private static ApprovalDecision Yes(string who, string? person = null) => new(who, true, At, null, ApprovalChannel.Cli, person);

    private static ApprovalDecision No(string who) => new(who, false, At, "no", ApprovalChannel.Cli);
}
