using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Actions.Http;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// The circuit breakers against real processes and a real Kestrel server on 127.0.0.1: they protect a sick target
/// without failing healthy work (issue 14's measured effects).
/// </summary>
[Collection(HttpServerCollection.Name)]
public sealed class BreakerExecutionTests(HttpServerFixture fixture)
{
    private const string FailingSh = """
        id: failing-sh
        name: Failing sh
        version: 1.0.0
        steps:
          - id: call
            action: shell
            with: { command: ["sh", "-c", "echo 'connect: connection refused' >&2; exit 1"] }
        """;

    private const string HelloSh = """
        id: hello-sh
        name: Hello sh
        version: 1.0.0
        steps:
          - id: hello
            action: shell
            with: { command: ["sh", "-c", "echo hello"] }
        """;

    private const string Disabled = "\n    breaker: { enabled: false }\n";

    private const string PaymentsDb = "\n    breaker: { key: payments-db }\n";

    private TestHttpServer Server => fixture.Server;

    [Fact]
    public async Task RunAsync_AShCommandFailingUntilItsBreakerOpens_DoesNotRefuseAnUnrelatedShCommand()
    {
        await using var harness = await StartAsync();
        for (var i = 0; i < 6; i++)
        {
            var failed = await harness.RunAsync(FailingSh);
            Assert.Equal(ExecutionStatus.Failed, failed.Status);
        }

        Assert.Contains(harness.Engine.Breakers, b => b.State == "open");

        var hello = await harness.RunAsync(HelloSh);

        Assert.Equal(ExecutionStatus.Completed, hello.Status);
        Assert.Equal("hello", Step(hello, "hello").Output.AsObject()["stdout"].AsString());
    }

    [Fact]
    public async Task RunAsync_EightExecutionsOfAFlakyStepWhoseRetrySucceeds_AllComplete()
    {
        await using var harness = await StartAsync();
        var yaml = $$$"""
            id: flaky-each-run
            name: Flaky each run
            version: 1.0.0
            inputs:
              key: { type: string, required: true }
            steps:
              - id: call
                action: http
                with: { url: "{{{Server.Url("/flaky/")}}}{{ inputs.key }}/1" }
                retry: { max_attempts: 3, delay: 10ms, jitter: false }
            """;

        var statuses = new List<ExecutionStatus>();
        for (var i = 0; i < 8; i++)
        {
            var state = await harness.RunAsync(yaml, Inputs(("key", Value.From(Guid.NewGuid().ToString("n")))));
            statuses.Add(state.Status);
        }

        Assert.All(statuses, status => Assert.Equal(ExecutionStatus.Completed, status));
        Assert.All(harness.Engine.Breakers, b => Assert.Equal("closed", b.State));
    }

    [Fact]
    public async Task RunAsync_EndpointFailingThreeTimesWithFourAttempts_ItsFourthAttemptReachesTheEndpoint()
    {
        await using var harness = await StartAsync();
        var key = Guid.NewGuid().ToString("n");
        var state = await harness.RunAsync($$"""
            id: four-attempts
            name: Four attempts
            version: 1.0.0
            steps:
              - id: call
                action: http
                with: { url: "{{Server.Url($"/health-after/{key}/4")}}" }
                retry: { max_attempts: 4, delay: 10ms, jitter: false }
            """);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(4, Server.Calls(key));
        var attempts = (await harness.AttemptsAsync(state.ExecutionId)).OrderBy(a => a.Attempt).ToList();
        Assert.Equal([StepStatus.Failed, StepStatus.Failed, StepStatus.Failed, StepStatus.Completed], attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task RunAsync_RetryMeetsAnOpenBreaker_WaitsForTheHalfOpenMomentInsteadOfBurningItsAttempts()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await StartAsync(o => WithBreakers(o, new CircuitBreakerSettings { MinimumCalls = 3 }), time: clock);
        var key = Guid.NewGuid().ToString("n");
        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var observer = new LogObserver(entry =>
        {
            if (entry.Message.Contains("waiting", StringComparison.Ordinal))
            {
                waiting.TrySetResult(entry.Message);
            }
        });

        var run = harness.RunAsync(
            $$"""
            id: waits
            name: Waits
            version: 1.0.0
            steps:
              - id: call
                action: http
                with: { url: "{{Server.Url($"/health-after/{key}/4")}}" }
                retry: { max_attempts: 4, delay: 0ms, jitter: false }
            """,
            observer: observer);
        await Task.WhenAny(waiting.Task, run);
        Assert.True(waiting.Task.IsCompleted, "the fourth attempt did not wait for the breaker");
        var notice = await waiting.Task;
        Assert.Equal(3, Server.Calls(key));
        Assert.Equal("open", Assert.Single(harness.Engine.Breakers).State);
        clock.Advance(new CircuitBreakerSettings().OpenDuration);
        var state = await run;

        Assert.StartsWith($"circuit breaker for '{Server.BaseUrl}' is open: waiting 30s", notice, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(4, Server.Calls(key));
        Assert.Equal(4, Step(state, "call").Attempts);
        Assert.Equal("closed", Assert.Single(harness.Engine.Breakers).State);
    }

    [Fact]
    public async Task RunAsync_StepWithItsBreakerDisabled_IsNeverRefusedNorCounted()
    {
        await using var harness = await StartAsync(o => WithBreakers(o, new CircuitBreakerSettings { MinimumCalls = 2 }));
        var yaml = FailingSh + Disabled;
        for (var i = 0; i < 4; i++)
        {
            var failed = await harness.RunAsync(yaml);
            Assert.Equal(ErrorCategory.Network, Step(failed, "call").Error!.Category);
        }

        Assert.Empty(harness.Engine.Breakers);
    }

    [Fact]
    public async Task RunAsync_StepsNamingTheSameBreakerKey_ShareOneBreaker()
    {
        await using var harness = await StartAsync(o => WithBreakers(o, new CircuitBreakerSettings { MinimumCalls = 2 }));
        for (var i = 0; i < 2; i++)
        {
            await harness.RunAsync(FailingSh + PaymentsDb);
        }

        var refused = await harness.RunAsync(HelloSh + PaymentsDb);

        var error = Step(refused, "hello").Error!;
        Assert.Equal(ErrorCategory.Dependency, error.Category);
        Assert.StartsWith("circuit breaker for 'payments-db' is open after 2 unhealthy failures", error.Message, StringComparison.Ordinal);
        Assert.Equal("payments-db", Assert.Single(await harness.AttemptsAsync(refused.ExecutionId)).Target);
    }

    private static EngineOptions WithBreakers(EngineOptions options, CircuitBreakerSettings breakers) =>
        new() { DataDirectory = options.DataDirectory, Database = options.Database, Breakers = breakers };

    private sealed class LogObserver(Action<ExecutionLogRecord> onLog) : IExecutionObserver
    {
        public void LogWritten(ExecutionLogRecord entry) => onLog(entry);
    }
}
