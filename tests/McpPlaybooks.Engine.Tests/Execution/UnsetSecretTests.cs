using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// A step or call that reads a secret set nowhere fails before it starts, as a dry run says it would: the secret is never
/// rendered as an empty string into a command's arguments (it was: the step ran with "token=[]").
/// </summary>
public sealed class UnsetSecretTests
{
    [Fact]
    public async Task RunAsync_StepReadsAnUnsetSecret_FailsBeforeItsProcessStarts()
    {
        await using var harness = await StartAsync();
        var mark = harness.PathOf("ran");

        var state = await harness.RunAsync($$$"""
            id: reads-a-secret
            name: Reads a secret
            version: 1.0.0
            steps:
              - id: call
                action: shell
                with: { command: [sh, -c, "echo \"token=[$1]\" > {{{mark}}}", sh, "{{ secrets.NOT_SET_TOKEN }}"] }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var call = Assert.Single(state.Steps);
        Assert.Equal((StepStatus.Failed, ErrorCategory.Configuration), (call.Status, call.Error!.Category));
        Assert.Equal("secrets.NOT_SET_TOKEN is not set: PLAYBOOK_SECRET_NOT_SET_TOKEN or the secrets file", call.Error.Message);
        Assert.False(File.Exists(mark));
        Assert.Empty(await harness.AttemptsAsync(state.ExecutionId));
    }

    [Fact]
    public async Task RunAsync_GatedStepReadsAnUnsetSecret_FailsWithoutAskingAnyone()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync("""
            id: gated-secret
            name: Gated secret
            version: 1.0.0
            steps:
              - id: risky
                action: log
                approval: { approvers: [alice] }
                with: { message: "using {{ secrets.NOT_SET_KEY }}" }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Empty(state.PendingApprovals);
        Assert.Equal("secrets.NOT_SET_KEY is not set: PLAYBOOK_SECRET_NOT_SET_KEY or the secrets file", Assert.Single(state.Steps).Error!.Message);
    }

    [Fact]
    public async Task RunAsync_CallGuardedByAWhenOnItsSecret_IsSkipped_AndOneThatIsNotFailsWhileTheRunCompletes()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync("""
            id: finally-secrets
            name: Finally secrets
            version: 1.0.0
            steps:
              - id: work
                action: log
                with: { message: working }
            finally:
              - id: guarded
                action: log
                when: secrets.NOT_SET_HOOK != null
                with: { message: "hook {{ secrets.NOT_SET_HOOK }}" }
              - id: unguarded
                action: log
                with: { message: "hook {{ secrets.NOT_SET_HOOK }}" }
            """);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(
            [("guarded", StepStatus.Skipped, null), ("unguarded", StepStatus.Failed, "secrets.NOT_SET_HOOK is not set: PLAYBOOK_SECRET_NOT_SET_HOOK or the secrets file")],
            state.Finally.Select(f => (f.Id, f.Status, f.Error?.Message)));
    }
}
