using System.Diagnostics;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Http;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Validation;
using static McpPlaybooks.Engine.Tests.Actions.Http.Invocations;

namespace McpPlaybooks.Engine.Tests.Actions.Http;

[Collection(HttpServerCollection.Name)]
public sealed class WaitForActionHandlerTests(HttpServerFixture fixture)
{
    private readonly TestHttpServer _server = fixture.Server;

    [Fact]
    public async Task RunAsync_HealthAfterThreeCalls_PollsUntil200AndReportsAttempts()
    {
        var key = Guid.NewGuid().ToString("N");
        var args = Args($$"""{"http": {"url": "{{_server.Url($"/health-after/{key}/3")}}"}, "interval": "20ms", "timeout": "30s"}""");

        var output = await Handler().RunAsync(Of(args), CancellationToken.None);

        Assert.Equal(3, output.AsObject()["attempts"].AsNumber());
        Assert.Equal(3, _server.Calls(key));
    }

    [Fact]
    public async Task RunAsync_StatusOtherThan200_WaitsForThatStatus()
    {
        var args = Args($$"""{"http": {"url": "{{_server.Url("/status/204")}}", "status": 204}, "interval": "20ms", "timeout": "30s"}""");

        var output = await Handler().RunAsync(Of(args), CancellationToken.None);

        Assert.Equal(1, output.AsObject()["attempts"].AsNumber());
    }

    [Fact]
    public async Task RunAsync_StatusNeverComes_FailsWithTimeoutNamingTheLastAnswer()
    {
        var url = _server.Url("/status/503");
        var stopwatch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ActionFailedException>(() => Handler().RunAsync(
            Of(Args($$"""{"http": {"url": "{{url}}"}, "interval": "50ms", "timeout": "3s"}""")),
            CancellationToken.None));

        // 3 s leaves a loaded machine room for a first answer (with 1 s the first request sometimes had none yet).
        Assert.Equal(ErrorCategory.Timeout, failure.Category);
        Assert.Matches($@"^wait_for: {url} did not answer 200 within 3s \(\d+ attempts?; last: 503 Service Unavailable\)$", failure.Message);
        Assert.True(failure.Output.AsObject()["attempts"].AsNumber() >= 1);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}: the timeout was not honoured");
    }

    [Fact]
    public async Task RunAsync_ConnectionRefused_CountsAsNotYet()
    {
        var failure = await Assert.ThrowsAsync<ActionFailedException>(() => Handler().RunAsync(
            Of(Args($$"""{"http": {"url": "http://127.0.0.1:{{ClosedPort()}}/health"}, "interval": "50ms", "timeout": "3s"}""")),
            CancellationToken.None));

        // 3 s, as above: with 1 s a loaded machine sometimes had no refusal back yet ("1 attempt; last: no answer").
        Assert.Equal(ErrorCategory.Timeout, failure.Category);
        Assert.DoesNotContain("last: no answer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HostNotInAllowlist_RefusesWithoutPolling()
    {
        var key = Guid.NewGuid().ToString("N");
        var handler = new WaitForActionHandler(fixture.Client, Options(["health.example"]), TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ActionFailedException>(() => handler.RunAsync(
            Of(Args($$"""{"http": {"url": "{{_server.Url($"/health-after/{key}/1")}}"} }""")),
            CancellationToken.None));

        Assert.Equal(ErrorCategory.Authorization, failure.Category);
        Assert.Equal(0, _server.Calls(key));
    }

    [Fact]
    public async Task RunAsync_CancelledWhilePolling_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var running = Handler().RunAsync(
            Of(Args($$"""{"http": {"url": "{{_server.Url("/slow/60000")}}"}, "timeout": "60s"}""")),
            cancellation.Token);

        await _server.NextSlowRequestAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task RunAsync_ThatAlreadyTrue_SucceedsAtOnce()
    {
        var output = await Handler().RunAsync(ThatInvocation("steps.a.output.ok == true", Output(("ok", Value.True))), CancellationToken.None);

        Assert.Equal(1, output.AsObject()["attempts"].AsNumber());
    }

    [Fact]
    public async Task RunAsync_ThatBecomesTrue_IsEvaluatedAgainOnEveryPoll()
    {
        // The first look is the rendering of with: (as the engine does); then the polls look at 2, 3 and 4.
        var scope = new FlippingScope(flipAtLook: 4);
        var invocation = ThatInvocation("steps.a.output.ok == true", scope, timeout: "30s");

        var output = await Handler().RunAsync(invocation, CancellationToken.None);

        Assert.Equal(3, output.AsObject()["attempts"].AsNumber());
    }

    [Fact]
    public async Task RunAsync_ThatStaysFalse_FailsWithTimeoutQuotingTheExpression()
    {
        var failure = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Handler().RunAsync(ThatInvocation("steps.a.output.ok == true", Output(("ok", Value.False))), CancellationToken.None));

        Assert.Equal(ErrorCategory.Timeout, failure.Category);
        Assert.Matches(@"^wait_for: 'steps\.a\.output\.ok == true' was still false after 300ms \(\d+ attempts?\)$", failure.Message);
        Assert.Null(failure.Target);
    }

    [Fact]
    public async Task RunAsync_ThatFailsToEvaluate_FailsValidationAtOnce()
    {
        var failure = await Assert.ThrowsAsync<ActionFailedException>(() =>
            Handler().RunAsync(
                ThatInvocation("fromJson(steps.a.output.ok) == 1", Output(("ok", Value.From("not json"))), renderScope: Output(("ok", Value.From("0")))),
                CancellationToken.None));

        Assert.Equal(ErrorCategory.Validation, failure.Category);
        Assert.IsType<ExpressionEvaluationException>(failure.InnerException);
    }

    [Fact]
    public void Describe_Http_SaysWhatAndHowOften()
    {
        var description = Handler().Describe(Args("""{"http": {"url": "http://x/health?key=secret"}, "interval": "2s"}"""));

        Assert.Equal("would poll http://x/health?… every 2s until it answers 200, for at most 1m", description);
    }

    [Fact]
    public void Describe_ThatGivenAsText_QuotesIt()
    {
        var description = Handler().Describe(Args("""{"that": "steps.a.output.ok == true", "timeout": "5m"}"""));

        Assert.Equal("would wait until steps.a.output.ok == true, checking every 2s for at most 5m", description);
    }

    [Fact]
    public void TargetOf_HttpOrThat_IsTheUrlsTargetOrNull()
    {
        Assert.Equal("http://x:8080", Handler().TargetOf(Args("""{"http": {"url": "http://x:8080/health"}}""")));
        Assert.Null(Handler().TargetOf(Args("""{"that": true}""")));
    }

    private WaitForActionHandler Handler() => new(fixture.Client, Options(), TimeProvider.System);

    /// <summary>A <c>wait_for</c> step loaded from YAML, its <c>with:</c> rendered as the engine does (in the scope as it was when the step started).</summary>
    private static ActionInvocation ThatInvocation(string that, IExpressionScope scope, IExpressionScope? renderScope = null, string timeout = "300ms")
    {
        var report = new PlaybookValidator().ValidateText($$"""
            id: t
            name: T
            version: 1.0.0
            timeout: 5m
            steps:
              - id: a
                action: set
                with: { ok: true }
              - id: w
                needs: [a]
                action: wait_for
                with: { that: "{{that}}", interval: 50ms, timeout: {{timeout}} }
            """, "test.yaml");
        Assert.Empty(report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Format("test.yaml")));
        var with = Assert.IsType<PlaybookDefinition>(report.Playbook).Steps.Single(s => s.Id == "w").With;
        return new ActionInvocation
        {
            ExecutionId = ExecutionId,
            StepId = "w",
            Arguments = with.Render(renderScope ?? scope),
            With = with,
            Scope = scope,
            Log = new RecordingActionLog(),
        };
    }

    /// <summary>A scope holding <c>steps.a.output</c> with these properties.</summary>
    private static ExpressionScope Output(params (string Name, Value Value)[] properties)
    {
        var scope = new ExpressionScope();
        scope.Add("steps", StepsWithOutput(Value.From(properties.Select(p => new KeyValuePair<string, Value>(p.Name, p.Value)))));
        return scope;
    }

    private static Value StepsWithOutput(Value output) =>
        Value.From([new KeyValuePair<string, Value>("a", Value.From([new KeyValuePair<string, Value>("output", output)]))]);

    /// <summary>A scope whose <c>steps.a.output.ok</c> turns true at the n-th look, as a parallel step's output would.</summary>
    private sealed class FlippingScope(int flipAtLook) : IExpressionScope
    {
        private int _looks;

        public bool TryGetRoot(string name, out Value value)
        {
            var ok = Interlocked.Increment(ref _looks) >= flipAtLook;
            value = StepsWithOutput(Value.From([new KeyValuePair<string, Value>("ok", Value.From(ok))]));
            return name == "steps";
        }
    }
}
