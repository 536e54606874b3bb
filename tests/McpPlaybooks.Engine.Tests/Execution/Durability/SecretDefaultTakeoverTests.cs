using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Tests.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Control;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>A secret input left at the playbook's default is restored from the playbook by another process; only a given one is lost.</summary>
public sealed class SecretDefaultTakeoverTests
{
    private const string Gated = """
        id: secret-default
        name: Secret default
        version: 1.0.0
        inputs:
          token: { type: string, secret: true, default: "s3cr3t-default" }
        steps:
          - id: risky
            approval: { message: "Go on?" }
            action: set
            with: { length: "{{ inputs.token }}" }
        """;

    [Fact]
    public async Task DecideAsync_FromAnotherEngine_SecretInputAtItsDefault_Completes()
    {
        await using var shared = new SharedDataDirectory();
        var first = await shared.OpenAsync();
        var start = await first.StartAsync(Flow.Request(Gated), null, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await Flow.SettleAsync(first, start.ExecutionId)).Status);
        await shared.CloseAsync(first);

        var second = await shared.OpenAsync();
        await second.DecideAsync(new ApprovalRequest { ExecutionId = start.ExecutionId, StepId = "risky", Approve = true, By = TestApprovers.Person("bob") }, default);
        var done = await Flow.SettleAsync(second, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Null(done.Error);
    }

    [Fact]
    public async Task ReplayAsync_SecretInputAtItsDefault_NeedsNoInputs()
    {
        await using var shared = new SharedDataDirectory();
        var engine = await shared.OpenAsync();
        var start = await engine.StartAsync(Flow.Request(Gated, autoApprove: true), null, default);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(engine, start.ExecutionId)).Status);

        var replay = await engine.ReplayAsync(start.ExecutionId, null, "test:replay", default);

        // Started (a replay does not carry auto-approve over): parked at the gate, not refused for a missing secret.
        Assert.False(replay.Existing);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await Flow.SettleAsync(engine, replay.ExecutionId)).Status);
    }

    [Fact]
    public async Task ReplayAsync_SecretInputGivenExplicitly_StillAsksForIt()
    {
        await using var shared = new SharedDataDirectory();
        var engine = await shared.OpenAsync();
        var given = new Dictionary<string, Value> { ["token"] = Value.From("given-token") };
        var start = await engine.StartAsync(Flow.Request(Gated, given, autoApprove: true), null, default);
        await Flow.SettleAsync(engine, start.ExecutionId);

        var error = await Assert.ThrowsAsync<ExecutionRefusedException>(() => engine.ReplayAsync(start.ExecutionId, null, "test:replay", default));

        Assert.Contains("secret inputs (token)", error.Message, StringComparison.Ordinal);
    }
}
