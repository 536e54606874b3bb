using McpPlaybooks.Engine.Execution.Approvals;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

public sealed class ApproveStepToolTests
{
    [Fact]
    public async Task ApproveStep_Approve_GoesOnToCompletedAndRecordsTheDecision()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with { Client = ToolCalls.NamedClient("alice-client"), AcceptAssistantApprovals = true });
        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });
        var id = parked.Str("execution_id");

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", comment = "checked the dashboard", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("before:completed risky:completed", state.Steps());
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal("assistant:alice-client", decision.Approver);
        Assert.Equal(ApprovalChannel.Assistant, decision.Channel);
        Assert.Equal("checked the dashboard", decision.Comment);
    }

    [Fact]
    public async Task ApproveStep_ChildGateThroughTheParentsId_DecidesItOnTheChild()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated), ("parent", ParentOfGated)) with { AcceptAssistantApprovals = true });
        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "parent", wait_seconds = 30 });
        var parentId = parked.Str("execution_id");
        var gate = Assert.Single(parked.GetProperty("pending_approvals").EnumerateArray());
        var childId = gate.Str("execution_id");

        var state = await server.CallOkAsync("approve_step", new { execution_id = parentId, step_id = "risky", decision = "approve", wait_seconds = 30 });

        Assert.Equal("running", parked.Str("status"));
        Assert.NotEqual(parentId, childId);
        Assert.Contains($"call approve_step with execution_id={parentId}, step_id=risky", parked.Str("note"), StringComparison.Ordinal);
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("call:completed", state.Steps());
        Assert.Equal("risky", Assert.Single(await server.Engine.History.GetDecisionsAsync(childId, CancellationToken.None)).StepId);
    }

    [Fact]
    public async Task ApproveStep_AcceptedAssistantClaimingAListedName_PassesRecordedAsTheAssistantWithItsClaim()
    {
        await using var server = await McpTestServer.StartAsync(Options(("oncall-gate", OncallGate)) with { AcceptAssistantApprovals = true });
        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "oncall-gate", wait_seconds = 30 });
        var id = parked.Str("execution_id");

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", approver = "oncall" });
        var ended = await server.SettledAsync(id);

        Assert.Equal("assistant:testhost's decision 'approve' on 'risky' is recorded; the execution goes on by itself: follow it with get_execution, or pass wait_seconds to wait for it.", state.Str("note"));
        Assert.Equal(Engine.Execution.ExecutionStatus.Completed, ended.Status);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal(("assistant:testhost", ApprovalChannel.Assistant, "oncall"), (decision.Approver, decision.Channel, decision.Claimed));
    }

    [Fact]
    public async Task ApproveStep_Reject_EndsTheExecutionWithoutRunningTheStep()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with { AcceptAssistantApprovals = true });
        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        var state = await server.CallOkAsync("approve_step", new { execution_id = parked.Str("execution_id"), step_id = "risky", decision = "reject", wait_seconds = 30 });

        Assert.NotEqual("completed", state.Step("risky").Str("status"));
        Assert.Empty(state.GetProperty("pending_approvals").EnumerateArray());
        Assert.Equal("failed", state.Str("status"));
    }

    [Fact]
    public async Task ApproveStep_AcceptedAssistantClaimingAnUnlistedName_IsRefusedWithoutNamingWhoWouldPass()
    {
        await using var server = await McpTestServer.StartAsync(Options(("oncall-gate", OncallGate)) with { AcceptAssistantApprovals = true });
        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "oncall-gate", wait_seconds = 30 });

        var error = await server.CallErrorAsync("approve_step", new { execution_id = parked.Str("execution_id"), step_id = "risky", decision = "approve", approver = "mallory" });

        Assert.StartsWith("refused: assistant:testhost is not an approver of the gate of step 'risky'.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("oncall", error, StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(parked.Str("execution_id"), CancellationToken.None));
    }

    [Fact]
    public async Task ApproveStep_NoGateOnThatStep_IsErrorFromTheEngine()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)));
        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        var error = await server.CallErrorAsync("approve_step", new { execution_id = parked.Str("execution_id"), step_id = "before", decision = "approve" });

        Assert.StartsWith("refused: ", error, StringComparison.Ordinal);
        Assert.Contains("'before'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveStep_NoGateWaitingAnywhere_ErrorSaysWhatToCallNext()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));
        var done = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", wait_seconds = 30 });

        var error = await server.CallErrorAsync("approve_step", new { execution_id = done.Str("execution_id"), step_id = "say", decision = "approve" });

        Assert.Equal("completed", done.Str("status"));
        Assert.EndsWith("it has no gate waiting for a decision (get_execution shows where it stands and what each step waits for).", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveStep_DecisionTypoAndMissingStep_IsErrorWithDidYouMean()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)));

        var error = await server.CallErrorAsync("approve_step", new { execution_id = "ex-1", decision = "aprove" });

        Assert.Contains("'decision' must be one of approve, reject; got 'aprove' (did you mean 'approve'?)", error, StringComparison.Ordinal);
        Assert.Contains("'step_id' is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveStep_UnknownExecution_IsErrorPointingToListExecutions()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)));

        var error = await server.CallErrorAsync("approve_step", new { execution_id = "ex-nope", step_id = "risky", decision = "approve" });

        Assert.Equal("no execution 'ex-nope'; call list_executions to see the recent ones.", error);
    }
}
