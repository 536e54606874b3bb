using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Actions.Http;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>The executor against a real Kestrel server on 127.0.0.1: retries, Retry-After, breakers, webhooks.</summary>
[Collection(HttpServerCollection.Name)]
public sealed class HttpExecutionTests(HttpServerFixture fixture)
{
    private TestHttpServer Server => fixture.Server;

    [Fact]
    public async Task RunAsync_FlakyEndpoint_IsRetriedUntilItAnswers()
    {
        await using var harness = await StartAsync();
        var key = Guid.NewGuid().ToString("n");
        var state = await harness.RunAsync($$"""
            id: flaky
            name: Flaky
            version: 1.0.0
            steps:
              - id: call
                action: http
                with: { url: "{{Server.Url($"/flaky/{key}/2")}}" }
                retry: { max_attempts: 4, delay: 10ms, backoff: exponential, jitter: false }
            """);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(3, Step(state, "call").Attempts);
        Assert.Equal(3, Server.Calls(key));
        var attempts = (await harness.AttemptsAsync(state.ExecutionId)).OrderBy(a => a.Attempt).ToList();
        Assert.Equal([StepStatus.Failed, StepStatus.Failed, StepStatus.Completed], attempts.Select(a => a.Status));
        Assert.Equal(ErrorCategory.Temporary, attempts[0].ErrorCategory);
        Assert.StartsWith("http://127.0.0.1:", attempts[0].Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Unauthorized_IsNotRetriedByDefault()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync($$"""
            id: auth
            name: Auth
            version: 1.0.0
            defaults:
              retry: { max_attempts: 5, delay: 10ms }
            steps:
              - id: call
                action: http
                with: { url: "{{Server.Url("/unauthorized")}}" }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(1, Step(state, "call").Attempts);
        Assert.Equal(ErrorCategory.Authentication, Step(state, "call").Error!.Category);
    }

    [Fact]
    public async Task RunAsync_RetryAfter_IsWaitedBeforeTheNextAttempt()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync($$"""
            id: retry-after
            name: Retry after
            version: 1.0.0
            steps:
              - id: call
                action: http
                with: { url: "{{Server.Url("/retry-after/1")}}" }
                retry: { max_attempts: 2, delay: 10ms, jitter: false }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var attempts = (await harness.AttemptsAsync(state.ExecutionId)).OrderBy(a => a.Attempt).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].StartedAt - attempts[0].EndedAt!.Value >= TimeSpan.FromMilliseconds(990), $"gap {attempts[1].StartedAt - attempts[0].EndedAt}");
        var lines = (await harness.LogsAsync(state.ExecutionId)).Select(l => l.Message);
        Assert.Contains(lines, l => l.Contains("retrying in 1s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FailingTarget_OpensItsBreakerFailsFastThenClosesAfterTheBreak()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await StartAsync(time: clock);
        var key = Guid.NewGuid().ToString("n");
        var yaml = $$"""
            id: sick
            name: Sick
            version: 1.0.0
            steps:
              - id: call
                action: http
                with: { url: "{{Server.Url($"/health-after/{key}/6")}}" }
            """;

        for (var i = 0; i < 5; i++)
        {
            var failed = await harness.RunAsync(yaml);
            Assert.Equal(ErrorCategory.Temporary, Step(failed, "call").Error!.Category);
        }

        var fast = await harness.RunAsync(yaml);
        var error = Step(fast, "call").Error!;
        Assert.Equal(ErrorCategory.Dependency, error.Category);
        Assert.Contains($"circuit breaker for '{Server.BaseUrl}' is open after 5 unhealthy failures", error.Message, StringComparison.Ordinal);
        Assert.Contains("calls fail fast until", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, Server.Calls(key));
        Assert.Equal("open", Assert.Single(harness.Engine.Breakers).State);

        clock.Advance(new CircuitBreakerSettings().OpenDuration);
        var healed = await harness.RunAsync(yaml);
        Assert.Equal(ExecutionStatus.Completed, healed.Status);
        Assert.Equal(6, Server.Calls(key));
        Assert.Equal("closed", Assert.Single(harness.Engine.Breakers).State);
    }

    [Fact]
    public async Task RunAsync_FinallyNotify_PostsTheStatusToTheWebhook()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync($$$"""
            id: notified
            name: Notified
            version: 1.0.0
            steps:
              - id: only
                action: set
                with: { x: 1 }
            finally:
              - action: notify
                with: { webhook: "{{{Server.Url("/webhook")}}}", text: "{{ playbook.name }}: {{ execution.status }}" }
            """);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Contains("""{"text":"Notified: completed"}""", Server.Webhooks);
        var attempts = await harness.AttemptsAsync(state.ExecutionId);
        Assert.Contains(attempts, a => a.Kind == AttemptKind.Finally && a.StepId == "finally[0]" && a.Status == StepStatus.Completed);
    }
}
