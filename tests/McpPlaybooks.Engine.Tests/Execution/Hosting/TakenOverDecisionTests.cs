using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Execution.Durability;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;

namespace McpPlaybooks.Engine.Tests.Execution.Hosting;

/// <summary>
/// A decision on an execution parked at a gate by a process that let it go (it stopped) or died (its lease ran out): the
/// process that decides takes it over and answers with the state after the decision, the step under way, as a decision
/// forwarded to a live owner does. Before, it answered with the state built the moment its drive started: still
/// waiting_approval, the decided gate among the pending ones and approve_step among the next actions.
/// </summary>
public sealed class TakenOverDecisionTests
{
    /// <summary>A gate before a shell step that runs until the file <c>inputs.go</c> exists.</summary>
    private const string Gated = """
        id: taken-over-decision
        name: Taken-over decision
        version: 1.0.0
        inputs:
          go: { type: string }
        steps:
          - id: risky
            approval: { message: "Go?", approvers: [alice] }
            action: shell
            with: { command: [/bin/sh, -c, "while [ ! -e \"$0\" ]; do sleep 0.05; done", "{{ inputs.go }}"] }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DecideAsync_GateOfAnExecutionItsOwnerLetGoOrDiedWith_AnswersTheStateAfterTheDecision(bool died)
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(died ? frozen : null);
        var inputs = new Dictionary<string, Value> { ["go"] = Value.From(directory.PathOf("go")) };
        var parked = await first.RunAsync(Flow.Request(Gated, inputs), null, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);
        if (!died)
        {
            await directory.CloseAsync(first);
        }

        // Died: the first engine's clock stands still, so its lease has run out by the second one's, 20 s on.
        var second = await directory.OpenAsync(died ? new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)) : null);
        var decided = await second.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice"), default);

        Assert.Equal(ExecutionStatus.Running, decided.Status);
        Assert.Equal(StepStatus.Running, decided.Steps.Single(step => step.Id == "risky").Status);
        Assert.Empty(decided.PendingApprovals);
        Assert.DoesNotContain(decided.NextActions, action => action.Tool == "approve_step");
        await File.WriteAllTextAsync(directory.PathOf("go"), "go");
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(second, parked.ExecutionId)).Status);
    }
}
