using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Tests.Execution.Control;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Guardrails;

/// <summary>Idempotent starts: the same key is the same execution; an identical start while one is active returns it.</summary>
public sealed class StartIdempotencyTests
{
    private const string Gated = """
        id: idem
        name: Idem
        version: 1.0.0
        inputs:
          service: { type: string }
        steps:
          - id: risky
            approval: { message: "Restart {{ inputs.service }}?" }
            action: set
            with: { done: true }
        """;

    private const string Quick = """
        id: idem-quick
        name: Idem quick
        version: 1.0.0
        steps:
          - id: only
            action: log
            with: { message: hi }
        """;

    [Fact]
    public async Task StartAsync_SameIdempotencyKeyAfterTheEnd_ReturnsTheSameExecutionAndSaysSo()
    {
        await using var harness = await StartAsync();
        var first = await harness.Engine.StartAsync(Flow.Request(Quick, idempotencyKey: "ticket-42"), null, default);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(harness.Engine, first.ExecutionId)).Status);

        var again = await harness.Engine.StartAsync(Flow.Request(Quick, idempotencyKey: "ticket-42"), null, default);

        Assert.False(first.Existing);
        Assert.True(again.Existing);
        Assert.Equal(first.ExecutionId, again.ExecutionId);
        Assert.Contains("the idempotency key 'ticket-42' already started execution", again.Note, StringComparison.Ordinal);
        Assert.Single((await harness.Engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = 10 }, default)).Executions);
    }

    [Fact]
    public async Task StartAsync_IdenticalStartWhileOneIsActive_ReturnsTheActiveOneWithANote()
    {
        await using var harness = await StartAsync();
        var api = Inputs(("service", Value.From("api")));
        var parked = await harness.RunAsync(Gated, api);
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);

        var again = await harness.Engine.StartAsync(Flow.Request(Gated, api, startedBy: "cli:bob"), null, default);

        Assert.True(again.Existing);
        Assert.Equal(parked.ExecutionId, again.ExecutionId);
        Assert.Contains($"is already waiting_approval: {parked.ExecutionId}; this is that one", again.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DifferentInputsOrAnOwnKey_StartANewExecution()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(Gated, Inputs(("service", Value.From("api"))));

        var other = await harness.Engine.StartAsync(Flow.Request(Gated, Inputs(("service", Value.From("web")))), null, default);
        var keyed = await harness.Engine.StartAsync(Flow.Request(Gated, Inputs(("service", Value.From("api"))), idempotencyKey: "deliberate"), null, default);

        Assert.False(other.Existing);
        Assert.False(keyed.Existing);
        Assert.Equal(3, new[] { parked.ExecutionId, other.ExecutionId, keyed.ExecutionId }.Distinct().Count());
    }

    [Fact]
    public async Task StartAsync_IdenticalStartAfterTheFirstEnded_StartsANewOne()
    {
        await using var harness = await StartAsync();
        var first = await harness.RunAsync(Quick);

        var second = await harness.Engine.StartAsync(Flow.Request(Quick), null, default);

        Assert.False(second.Existing);
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
    }

    [Fact]
    public async Task StartAsync_SameKeyOtherInputs_IsRefusedSayingWhatDiffers()
    {
        await using var harness = await StartAsync();
        var first = await harness.Engine.StartAsync(Flow.Request(Gated, Inputs(("service", Value.From("api"))), idempotencyKey: "ticket-7"), null, default);

        var error = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.StartAsync(Flow.Request(Gated, Inputs(("service", Value.From("web"))), idempotencyKey: "ticket-7"), null, default));

        Assert.Equal(RefusalKind.IdempotencyConflict, error.Kind);
        Assert.Contains($"the idempotency key 'ticket-7' already started execution {first.ExecutionId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("inputs (service)", error.Message, StringComparison.Ordinal);
        Assert.Single((await harness.Engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = 10 }, default)).Executions);
    }

    [Fact]
    public async Task StartAsync_SameKeyOtherPlaybook_IsRefused()
    {
        await using var harness = await StartAsync();
        await harness.Engine.StartAsync(Flow.Request(Quick, idempotencyKey: "ticket-8"), null, default);

        var playbook = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.StartAsync(Flow.Request(Gated, Inputs(("service", Value.From("api"))), idempotencyKey: "ticket-8"), null, default));

        Assert.Contains("playbook (idem-quick 1.0.0, not idem 1.0.0)", playbook.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DryRunWithAKey_LeavesTheKeyToTheRealRun()
    {
        await using var harness = await StartAsync();

        var dry = await harness.Engine.StartAsync(Flow.Request(Quick, dryRun: true, idempotencyKey: "ticket-9"), null, default);
        var real = await harness.Engine.StartAsync(Flow.Request(Quick, idempotencyKey: "ticket-9"), null, default);
        var done = await Flow.SettleAsync(harness.Engine, real.ExecutionId);
        var again = await harness.Engine.StartAsync(Flow.Request(Quick, idempotencyKey: "ticket-9"), null, default);

        Assert.Equal((false, "a dry run does not take an idempotency key: 'ticket-9' is still free, and the first real run with it starts an execution of its own."), (dry.Existing, dry.Note));
        Assert.False(real.Existing);
        Assert.NotEqual(dry.ExecutionId, real.ExecutionId);
        Assert.Equal((ExecutionStatus.Completed, false), (done.Status, done.DryRun));
        Assert.Equal((true, real.ExecutionId), (again.Existing, again.ExecutionId));
        Assert.Null((await harness.Engine.History.GetExecutionAsync(dry.ExecutionId, default))!.IdempotencyKey);
    }

    [Fact]
    public async Task StartAsync_DryRunWithTheKeyOfARealRun_DryRunsWithoutLookingTheKeyUp()
    {
        await using var harness = await StartAsync();
        var real = await harness.Engine.StartAsync(Flow.Request(Quick, idempotencyKey: "ticket-10"), null, default);

        var dry = await harness.Engine.StartAsync(Flow.Request(Quick, dryRun: true, idempotencyKey: "ticket-10"), null, default);
        var planned = (await harness.Engine.GetStateAsync(dry.ExecutionId, default))!;

        Assert.False(dry.Existing);
        Assert.NotEqual(real.ExecutionId, dry.ExecutionId);
        Assert.Equal((ExecutionStatus.Completed, true), (planned.Status, planned.DryRun));
    }
}
