using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Guardrails;

/// <summary>The guardrails enforced by a real engine on its history: dry_run_first, max_concurrent, max_executions_per_hour, blast_radius.</summary>
public sealed class GuardrailEnforcementTests
{
    private const string DryFirst = """
        id: dry-first
        name: Dry first
        version: 1.0.0
        inputs:
          service: { type: string }
        safety: { dry_run_first: true }
        steps:
          - id: restart
            action: log
            with: { message: "restart {{ inputs.service }}" }
        """;

    [Fact]
    public async Task StartAsync_DryRunFirst_RefusedThenAllowedAfterADryRunWithTheSameInputsOnly()
    {
        await using var harness = await StartAsync();
        var api = Inputs(("service", Value.From("api")));
        var web = Inputs(("service", Value.From("web")));

        var before = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.RunAsync(DryFirst, api));
        Assert.Equal((RefusalKind.Guardrail, "dry_run_first"), (before.Kind, before.Rule));
        Assert.Null(before.RetryAt);

        var dry = await harness.RunAsync(DryFirst, api, dryRun: true);
        Assert.Equal(ExecutionStatus.Completed, dry.Status);
        var real = await harness.RunAsync(DryFirst, api);
        var other = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.RunAsync(DryFirst, web));

        Assert.Equal(ExecutionStatus.Completed, real.Status);
        Assert.Equal("dry_run_first", other.Rule);
        Assert.Contains("there is no successful dry run of this version with these inputs in the last hour", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DryRunFirstWithADryRunOverAnHourOld_IsRefused()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var api = Inputs(("service", Value.From("api")));
        await harness.RunAsync(DryFirst, api, dryRun: true);

        clock.Advance(TimeSpan.FromMinutes(61));
        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.RunAsync(DryFirst, api));

        Assert.Equal("dry_run_first", refusal.Rule);
    }

    [Fact]
    public async Task StartAsync_MaxConcurrentReached_RefusedNamingTheRunningOneUntilItEnds()
    {
        await using var harness = await StartAsync();
        var fifo = await Flow.FifoAsync(harness.PathOf("release"));
        var yaml = $$"""
            id: one-at-a-time
            name: One at a time
            version: 1.0.0
            inputs:
              n: { type: number }
            safety: { max_concurrent: 1 }
            steps:
              - id: long
                action: shell
                with: { command: [sh, -c, "read x < {{fifo}}"] }
            """;
        var first = await Flow.StartUntilRunningAsync(harness.Engine, Flow.Request(yaml, Inputs(("n", Value.From(1)))), "long");

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.StartAsync(Flow.Request(yaml, Inputs(("n", Value.From(2)))), null, default));
        Assert.Equal((RefusalKind.Guardrail, "max_concurrent"), (refusal.Kind, refusal.Rule));
        Assert.Contains($"1 of its executions are active and the limit is 1 ({first})", refusal.Message, StringComparison.Ordinal);
        Assert.Null(refusal.RetryAt);

        await Flow.WriteFifoAsync(fifo);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(harness.Engine, first)).Status);
        var second = await harness.Engine.StartAsync(Flow.Request(yaml, Inputs(("n", Value.From(2)))), null, default);
        Assert.NotEqual(first, second.ExecutionId);
        Assert.False(second.Existing);
        await harness.Engine.ControlAsync(PauseAndCancelTests.Ask(second.ExecutionId, ControlAction.Cancel), default);
    }

    [Fact]
    public async Task StartAsync_MaxExecutionsPerHour_RefusedWithRetryAtAndAllowedFromThen()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        const string yaml = """
            id: rate-limited
            name: Rate limited
            version: 1.0.0
            safety: { max_executions_per_hour: 2 }
            steps:
              - id: only
                action: log
                with: { message: hi }
            """;
        await harness.RunAsync(yaml);
        clock.Advance(TimeSpan.FromMinutes(10));
        await harness.RunAsync(yaml);
        clock.Advance(TimeSpan.FromMinutes(10));

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.RunAsync(yaml));
        Assert.Equal((RefusalKind.Guardrail, "max_executions_per_hour"), (refusal.Kind, refusal.Rule));
        Assert.Equal(ManualTimeProvider.DefaultStart.AddHours(1), refusal.RetryAt);
        Assert.Contains("It may run again at 2026-01-01T01:00:00Z", refusal.Message, StringComparison.Ordinal);

        clock.SetUtcNow(refusal.RetryAt!.Value - TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.RunAsync(yaml));
        clock.SetUtcNow(refusal.RetryAt.Value);
        Assert.Equal(ExecutionStatus.Completed, (await harness.RunAsync(yaml)).Status);
    }

    [Fact]
    public async Task RunAsync_LoopOverTheBlastRadius_FailsTheStepWithoutRunningAnyIteration()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync($$$"""
            id: wide
            name: Wide
            version: 1.0.0
            inputs:
              hosts: { type: array }
            safety: { blast_radius: 2 }
            steps:
              - id: touch-all
                foreach: inputs.hosts
                action: shell
                with: { command: [touch, "{{{harness.Directory}}}/{{ item }}"] }
            """, Inputs(("hosts", Value.From([Value.From("a"), Value.From("b"), Value.From("c")]))));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(ErrorCategory.Validation, Step(state, "touch-all").Error!.Category);
        Assert.Contains("would touch 3 targets, over the playbook's blast_radius of 2", Step(state, "touch-all").Error!.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.AttemptsAsync(state.ExecutionId));
        Assert.False(File.Exists(harness.PathOf("a")));
    }
}
