using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Tests.Execution.Approvals;

public sealed class ApprovalRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly string[] NoRoles = [];

    [Theory]
    [InlineData("alice", "alice", true)]
    [InlineData("cli:alice", "alice", true)]
    [InlineData("CLI:Alice", "alice", true)]
    [InlineData("cli:alice", "cli:alice", true)]
    [InlineData("cli:alice", "CLI:ALICE", true)]
    [InlineData("token:bob", "alice", false)]
    [InlineData("cli:alice", "token:alice", false)]
    [InlineData("alice", "cli:alice", false)]
    [InlineData("cli:alicea", "alice", false)]
    [InlineData("cli:alice", "", false)]
    public void Matches_ByIdentity(string identity, string listed, bool expected)
    {
        Assert.Equal(expected, ApprovalRules.Matches(identity, NoRoles, listed));
    }

    [Theory]
    [InlineData("oncall", true)]
    [InlineData("role:oncall", true)]
    [InlineData("ROLE:OnCall", true)]
    [InlineData("sre-leads", false)]
    [InlineData("role:sre-leads", false)]
    public void Matches_ByRole(string listed, bool expected)
    {
        Assert.Equal(expected, ApprovalRules.Matches("token:carol", ["approver", "OnCall"], listed));
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

    [Fact]
    public void RefuseApprover_OnTheListByIdentityOrRole_IsAllowed()
    {
        var gate = Gate(1) with { Approvers = ["alice", "oncall"] };

        Assert.Null(ApprovalRules.RefuseApprover(gate, "cli:alice", NoRoles, "cli:zed"));
        Assert.Null(ApprovalRules.RefuseApprover(gate, "token:dave", ["oncall"], "cli:zed"));
    }

    [Fact]
    public void RefuseApprover_EmptyList_AllowsAnyone()
    {
        Assert.Null(ApprovalRules.RefuseApprover(Gate(1), "token:anyone", NoRoles, "cli:zed"));
    }

    [Fact]
    public void RefuseApprover_NotOnTheList_ListsWhoMayDecide()
    {
        var gate = Gate(1) with { Approvers = ["oncall", "sre-leads"] };

        var refusal = ApprovalRules.RefuseApprover(gate, "token:mallory", ["viewer"], "cli:zed");

        Assert.Equal(
            "token:mallory (roles viewer) is not an approver of the gate of step 'restart': only oncall, sre-leads may decide it "
                + "(an entry is an identity or a role). Ask one of them to call approve_step.",
            refusal);
    }

    [Fact]
    public void RefuseApprover_StartGate_IsNamedAsSuch()
    {
        var gate = Gate(1) with { StepId = ApprovalGates.StartGateId, Approvers = ["oncall"] };

        var refusal = ApprovalRules.RefuseApprover(gate, "cli:zed", NoRoles, "cli:zed");

        Assert.Contains("the start gate (safety.require_approval)", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cli:alice")]
    [InlineData("token:alice")]
    [InlineData("ALICE")]
    public void RefuseApprover_StarterOfASeparateApproverGate_IsRefused(string approver)
    {
        var gate = Gate(1) with { Approvers = ["alice", "bob"], SeparateApprover = true };

        var refusal = ApprovalRules.RefuseApprover(gate, approver, NoRoles, "cli:alice");

        Assert.NotNull(refusal);
        Assert.StartsWith($"{approver} started this execution (as cli:alice) and the gate of step 'restart' needs a separate approver", refusal, StringComparison.Ordinal);
        Assert.Contains("someone else (alice, bob) must decide it with approve_step", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseApprover_StarterWithoutSeparateApprover_IsAllowed()
    {
        var gate = Gate(1) with { Approvers = ["alice"] };

        Assert.Null(ApprovalRules.RefuseApprover(gate, "cli:alice", NoRoles, "cli:alice"));
    }

    [Fact]
    public void RefuseApprover_SomeoneElseOnASeparateApproverGate_IsAllowed()
    {
        var gate = Gate(1) with { Approvers = ["oncall"], SeparateApprover = true };

        Assert.Null(ApprovalRules.RefuseApprover(gate, "token:bob", ["oncall"], "cli:alice"));
    }

    [Fact]
    public void RefuseApprover_AlreadyDecided_SaysWhenAndTheCount()
    {
        var gate = Gate(2, Yes("cli:alice")) with { Approvers = ["alice", "bob"] };

        var refusal = ApprovalRules.RefuseApprover(gate, "token:alice", NoRoles, "cli:zed");

        Assert.Equal(
            "token:alice already approved the gate of step 'restart' (as cli:alice, at 2026-01-01T03:00:00Z); each person decides once. "
                + "Now: 1 of 2 approvals (cli:alice); waiting for 1 more from alice, bob.",
            refusal);
    }

    private static PendingApproval Gate(int minApprovals, params ApprovalDecision[] decisions) => new()
    {
        StepId = "restart",
        Message = "Restart it?",
        MinApprovals = minApprovals,
        Decisions = decisions,
    };

    private static ApprovalDecision Yes(string who) => new(who, true, At, null);

    private static ApprovalDecision No(string who) => new(who, false, At, "no");
}
